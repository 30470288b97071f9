//! A small deterministic generator for generated newsrooms (no
//! dependency for a benchmark corpus): the same seed, the same articles.

/// A small deterministic generator (no dependency for a benchmark corpus).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    /// `base` to `base + spread - 1`.
    pub fn between(&mut self, base: usize, spread: usize) -> usize {
        base + self.next() % spread
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let (mut a, mut b) = (Lcg(7), Lcg(7));
        let first: Vec<usize> = (0..5).map(|_| a.next()).collect();
        assert_eq!(first, (0..5).map(|_| b.next()).collect::<Vec<_>>());
        assert_ne!(first[0], first[1]);
        assert!((0..100).all(|_| (10..13).contains(&a.between(10, 3))));
    }
}
