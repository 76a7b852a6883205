//! Memory for decoding pictures: what one decode may cost, and how much all
//! decodes running at once on this process may hold together.
//!
//! A small file can need a great deal of memory (a 381 KB PNG of 7,000 ×
//! 7,000 pixels at 16 bits per channel decodes to 294 MB, and the 8-bit copy
//! renditions work on adds 147 MB more). Each decode first reserves its cost
//! from the [`DecodeBudget`]; one that would not fit waits for others to
//! finish, a bounded time, and is then refused as busy.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::MediaError;

const MIB: u64 = 1 << 20;

/// Most memory one picture may need to be decoded and resized (512 MiB: a
/// 50-megapixel picture at 8 bits per channel with its alpha channel fits).
pub const DEFAULT_MAX_DECODE_BYTES: u64 = 512 * MIB;

/// Memory all decodes of one process may hold at once (1 GiB).
pub const DEFAULT_DECODE_BUDGET_BYTES: u64 = 1024 * MIB;

/// How long a decode waits for others to release memory before it is
/// refused as busy.
const WAIT: Duration = Duration::from_secs(30);

/// Memory a decode of `width` × `height` pixels costs: the decoded picture
/// at `bytes_per_pixel`, the 8-bit copy with `out_channels` channels that
/// renditions are made from, and a margin for the decoder's own buffers.
pub fn decode_cost(width: u32, height: u32, bytes_per_pixel: u8, out_channels: u8) -> u64 {
    let pixels = u64::from(width) * u64::from(height);
    pixels
        .saturating_mul(u64::from(bytes_per_pixel) + u64::from(out_channels))
        .saturating_add(16 * MIB)
}

/// The memory decodes may hold at once, shared by uploads and the rendition
/// worker of one process.
#[derive(Debug, Clone)]
pub struct DecodeBudget {
    permits: Arc<Semaphore>,
    total_mib: u32,
    wait: Duration,
}

impl DecodeBudget {
    pub fn new(total_bytes: u64) -> Self {
        Self::with_wait(total_bytes, WAIT)
    }

    /// A budget whose decodes wait at most `wait` for room.
    pub fn with_wait(total_bytes: u64, wait: Duration) -> Self {
        let total_mib = u32::try_from(total_bytes / MIB).unwrap_or(u32::MAX).max(1);
        Self {
            permits: Arc::new(Semaphore::new(total_mib as usize)),
            total_mib,
            wait,
        }
    }

    /// Reserves `cost` bytes until the returned permit is dropped. A cost
    /// larger than the whole budget is refused at once; one that does not
    /// fit beside the decodes running now waits, then is refused as busy.
    pub async fn reserve(&self, cost: u64) -> Result<OwnedSemaphorePermit, MediaError> {
        let mib = u32::try_from(cost.div_ceil(MIB)).unwrap_or(u32::MAX).max(1);
        if mib > self.total_mib {
            return Err(MediaError::TooMuchMemory {
                needed: cost,
                limit: u64::from(self.total_mib) * MIB,
            });
        }
        let acquire = Arc::clone(&self.permits).acquire_many_owned(mib);
        match tokio::time::timeout(self.wait, acquire).await {
            Ok(Ok(permit)) => Ok(permit),
            // The semaphore is never closed; a timeout means others hold the memory.
            Ok(Err(_)) | Err(_) => Err(MediaError::Busy),
        }
    }
}

impl Default for DecodeBudget {
    fn default() -> Self {
        Self::new(DEFAULT_DECODE_BUDGET_BYTES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sixteen_bit_picture_costs_more_than_an_eight_bit_one() {
        let eight = decode_cost(7000, 7000, 3, 3);
        let sixteen = decode_cost(7000, 7000, 6, 3);
        assert_eq!(sixteen - eight, 7000 * 7000 * 3);
        assert_eq!(eight, 7000 * 7000 * 6 + 16 * MIB);
    }

    #[tokio::test]
    async fn decodes_wait_for_room_and_give_up_when_it_does_not_come() {
        let budget = DecodeBudget::with_wait(100 * MIB, Duration::from_millis(50));
        let first = budget.reserve(60 * MIB).await.unwrap();
        // 60 + 60 MiB do not fit in 100: the second waits, then is refused.
        assert!(matches!(
            budget.reserve(60 * MIB).await,
            Err(MediaError::Busy)
        ));
        // 40 more fit beside the first.
        let second = budget.reserve(40 * MIB).await.unwrap();
        drop(first);
        drop(second);
        // Released: the whole budget is there again.
        drop(budget.reserve(100 * MIB).await.unwrap());
    }

    #[tokio::test]
    async fn a_waiting_decode_starts_when_memory_is_released() {
        let budget = DecodeBudget::with_wait(100 * MIB, Duration::from_secs(10));
        let first = budget.reserve(80 * MIB).await.unwrap();
        let waiting = tokio::spawn({
            let budget = budget.clone();
            async move { budget.reserve(80 * MIB).await.map(drop) }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        drop(first);
        waiting.await.unwrap().unwrap();
    }

    #[tokio::test]
    async fn more_than_the_whole_budget_is_refused_at_once() {
        let budget = DecodeBudget::with_wait(100 * MIB, Duration::from_secs(10));
        match budget.reserve(101 * MIB).await {
            Err(MediaError::TooMuchMemory { needed, limit }) => {
                assert_eq!((needed, limit), (101 * MIB, 100 * MIB));
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
