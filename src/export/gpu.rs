//! An offscreen wgpu device that renders egui output to RGBA bytes, the same
//! renderer eframe uses on screen. Works with no display: no X, no Wayland.

use super::ExportError;
use egui_wgpu::{RendererOptions, ScreenDescriptor, WgpuConfiguration, WgpuSetup, wgpu};
use std::sync::Arc;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);

/// What to say when no adapter exists, per platform.
fn no_adapter(detail: &str) -> ExportError {
    let hint = if cfg!(target_os = "linux") {
        "install a Vulkan driver (for example `apt-get install mesa-vulkan-drivers`, which \
         includes the CPU renderer lavapipe)"
    } else {
        "update the graphics driver"
    };
    ExportError::Gpu(format!(
        "no GPU adapter is available for PNG export ({detail}); {hint}"
    ))
}

pub struct Gpu {
    device: wgpu::Device,
    queue: wgpu::Queue,
    renderer: egui_wgpu::Renderer,
    /// The largest texture side the device accepts.
    pub max_side: u32,
}

impl Gpu {
    /// A device on the best adapter there is: a real GPU when present,
    /// otherwise a CPU one such as lavapipe.
    pub fn new() -> Result<Self, ExportError> {
        let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        // Vulkan, Metal or DX12: GL would probe for a display server.
        setup.instance_descriptor.backends = wgpu::Backends::PRIMARY;
        setup.native_adapter_selector = Some(Arc::new(|adapters, _surface| {
            adapters
                .iter()
                .min_by_key(|a| match a.get_info().device_type {
                    wgpu::DeviceType::DiscreteGpu => 0,
                    wgpu::DeviceType::IntegratedGpu => 1,
                    wgpu::DeviceType::VirtualGpu | wgpu::DeviceType::Other => 2,
                    wgpu::DeviceType::Cpu => 3,
                })
                .cloned()
                .ok_or_else(|| "no adapter found".to_owned())
        }));
        let setup = WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let config = WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &config,
            &instance,
            None,
            RendererOptions::PREDICTABLE,
        ))
        .map_err(|e| no_adapter(&e.to_string()))?;
        let max_side = state.device.limits().max_texture_dimension_2d;
        let renderer = egui_wgpu::Renderer::new(
            &state.device,
            wgpu::TextureFormat::Rgba8Unorm,
            RendererOptions {
                // Dithering depends on the pixel's position in the target,
                // which differs per tile: it would show seams.
                dithering: false,
                // The GPU's own bilinear filter; egui's shader emulation
                // costs several times more on CPU renderers like lavapipe.
                predictable_texture_filtering: false,
                ..RendererOptions::PREDICTABLE
            },
        );
        Ok(Self {
            device: state.device,
            queue: state.queue,
            renderer,
            max_side,
        })
    }

    /// Renders one egui frame of `size` pixels and reads it back as tightly
    /// packed RGBA rows (premultiplied alpha).
    pub fn render(
        &mut self,
        ctx: &egui::Context,
        mut output: egui::FullOutput,
        size: [u32; 2],
        clear: egui::Color32,
    ) -> Result<Vec<u8>, ExportError> {
        let ppp = output.pixels_per_point;
        #[expect(clippy::iter_over_hash_type, reason = "textures are independent")]
        for (id, deltas) in output.textures_delta.set.drain() {
            for delta in deltas {
                self.renderer
                    .update_texture(&self.device, &self.queue, id, &delta);
            }
        }
        let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), ppp);
        let row = size[0] as usize * 4;
        if primitives.is_empty() {
            // Nothing on this tile: no need to wake the GPU.
            let px = clear.to_array();
            return Ok(px.repeat(row / 4 * size[1] as usize));
        }
        let screen = ScreenDescriptor {
            size_in_pixels: size,
            pixels_per_point: ppp,
        };
        let mut encoder = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor { label: None });
        let extra = self.renderer.update_buffers(
            &self.device,
            &self.queue,
            &mut encoder,
            &primitives,
            &screen,
        );
        let texture = self.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("export tile"),
            size: wgpu::Extent3d {
                width: size[0],
                height: size[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba8Unorm,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("export pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            // The target is not sRGB: egui writes gamma-space
                            // values, so the clear colour goes in as-is.
                            load: wgpu::LoadOp::Clear(wgpu::Color {
                                r: f64::from(clear.r()) / 255.0,
                                g: f64::from(clear.g()) / 255.0,
                                b: f64::from(clear.b()) / 255.0,
                                a: f64::from(clear.a()) / 255.0,
                            }),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            self.renderer.render(&mut pass, &primitives, &screen);
        }
        let padded = row.div_ceil(256) * 256;
        let buffer = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("export readback"),
            size: (padded * size[1] as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded as u32),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width: size[0],
                height: size[1],
                depth_or_array_layers: 1,
            },
        );
        let index = self
            .queue
            .submit(extra.into_iter().chain(std::iter::once(encoder.finish())));
        let slice = buffer.slice(..);
        let (tx, rx) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| drop(tx.send(r)));
        self.device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(index),
                timeout: Some(WAIT),
            })
            .map_err(|e| ExportError::Gpu(format!("the GPU did not finish: {e}")))?;
        rx.recv()
            .map_err(|e| ExportError::Gpu(e.to_string()))?
            .map_err(|e| ExportError::Gpu(format!("could not read the image back: {e}")))?;
        let data = slice
            .get_mapped_range()
            .map_err(|e| ExportError::Gpu(format!("could not read the image back: {e}")))?;
        let mut pixels = Vec::with_capacity(row * size[1] as usize);
        for line in data.chunks_exact(padded) {
            pixels.extend_from_slice(&line[..row]);
        }
        #[expect(clippy::iter_over_hash_type, reason = "textures are independent")]
        for id in output.textures_delta.free.drain() {
            self.renderer.free_texture(&id);
        }
        Ok(pixels)
    }
}
