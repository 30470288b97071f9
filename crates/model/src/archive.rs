//! How a list is cut into pages that stay put (docs/architecture.md,
//! "Lists"). Archive blocks of [`PAGE_SIZE`] are counted from the oldest
//! article, so a new article never moves one; the landing page shows what
//! is newer than the archive: 20–39 articles once the list has 20.

use crate::PAGE_SIZE;

/// The number of archive blocks behind the landing page of a list of
/// `total`: every full block but the newest, which the landing page shows.
pub fn blocks(total: usize) -> usize {
    (total / PAGE_SIZE).saturating_sub(1)
}

/// The articles of a page, as a range of positions in the list newest
/// first: block 0 is the landing page, 1 the oldest block. Empty past the
/// archive.
pub fn range(total: usize, block: usize) -> std::ops::Range<usize> {
    let archive = blocks(total);
    if block == 0 {
        return 0..total - archive * PAGE_SIZE;
    }
    if block > archive {
        return 0..0;
    }
    total - block * PAGE_SIZE..total - (block - 1) * PAGE_SIZE
}

/// Where page `page` of the old numbering (newest first, 20 a page) went:
/// the block holding its oldest article, 0 for the landing page. Old
/// addresses stay in readers' bookmarks and search engines.
pub fn legacy_block(total: usize, page: usize) -> usize {
    if total == 0 {
        return 0;
    }
    // Its oldest article's position, newest first, then oldest first.
    let oldest = page.saturating_mul(PAGE_SIZE).min(total).saturating_sub(1);
    let block = (total - 1 - oldest) / PAGE_SIZE + 1;
    if block > blocks(total) {
        0
    } else {
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_leave_the_landing_page_twenty_to_thirty_nine() {
        let cases = [
            (0, 0, 0..0),
            (7, 0, 0..7),
            (20, 0, 0..20),
            (39, 0, 0..39),
            (40, 1, 0..20),
            (59, 1, 0..39),
            (60, 2, 0..20),
        ];
        for (total, want_blocks, landing) in cases {
            assert_eq!(blocks(total), want_blocks, "blocks of {total}");
            assert_eq!(range(total, 0), landing, "landing of {total}");
        }
    }

    #[test]
    fn blocks_count_from_the_oldest() {
        // 65 articles: the landing shows the newest 25, block 1 the
        // oldest 20 (positions 45..65 newest first), block 2 the next.
        let cases = [(1, 45..65), (2, 25..45), (3, 0..0), (99, 0..0)];
        for (block, want) in cases {
            assert_eq!(range(65, block), want, "block {block} of 65");
        }
        // One more article moves no block.
        assert_eq!(range(66, 1), 46..66);
        assert_eq!(range(66, 2), 26..46);
    }

    #[test]
    fn every_article_is_on_exactly_one_page() {
        for total in 0..130 {
            let mut seen = vec![0; total];
            for block in 0..=blocks(total) {
                for i in range(total, block) {
                    seen[i] += 1;
                }
            }
            assert!(seen.iter().all(|&n| n == 1), "total {total}: {seen:?}");
        }
    }

    #[test]
    fn old_page_numbers_go_to_the_block_of_their_oldest_article() {
        // 65 articles: old page 1 held positions 0..20 (its oldest, 19,
        // is on the landing page), page 2 20..40 (39: block 2), page 3
        // 40..60 (59: block 1), page 4 60..65 (64: block 1).
        let cases = [
            (65, 1, 0),
            (65, 2, 2),
            (65, 3, 1),
            (65, 4, 1),
            (65, 5, 1),
            (65, usize::MAX, 1),
            (100, 1, 0),
            (100, 2, 4),
            (100, 3, 3),
            (0, 3, 0),
            (5, 0, 0),
        ];
        for (total, page, want) in cases {
            let got = legacy_block(total, page);
            assert_eq!(got, want, "old page {page} of {total}");
            if got > 0 {
                let oldest = page.saturating_mul(PAGE_SIZE).min(total) - 1;
                assert!(range(total, got).contains(&oldest), "{total} {page}");
            }
        }
    }
}
