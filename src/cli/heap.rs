//! Stops glibc's allocator from handing memory back to the system after
//! every frame.
//!
//! egui builds each frame's meshes in fresh vectors that grow to several
//! megabytes and are freed at the end of the frame. glibc's default
//! thresholds adapt to the allocation pattern: with one pattern the freed
//! memory stays in the process, with another it is trimmed back to the
//! kernel and faulted in again on the next frame. A small, unrelated change
//! flipped a 10,000-card drag from the first to the second, 20× more page
//! faults and 5 → 12 ms per frame (`credence bench`). Fixed thresholds make
//! frame times independent of that luck, at the cost of keeping up to
//! 32 MB of freed memory for reuse. Blocks under 32 MB (glibc's largest
//! setting) come from the heap rather than from `mmap`, which would unmap
//! and fault them in again every frame.

#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_freed_memory() {
    // From glibc's <malloc.h>.
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_MMAP_THRESHOLD: i32 = -3;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: mallopt only sets allocator tunables; it is called once, at
    // start-up, before any other thread exists.
    unsafe {
        mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_freed_memory() {}
