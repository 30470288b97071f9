use super::*;

/// A whole index of a few articles, given newest first (as the newsroom
/// holds them) and numbered from the oldest.
fn index(docs: &[(&str, &str, &str)]) -> HashMap<String, Postings> {
    let mut index: HashMap<String, Postings> = HashMap::new();
    for (i, (title, lead, body)) in docs.iter().enumerate().rev() {
        let mut terms = HashMap::new();
        doc_terms(&[(TITLE, title), (LEAD, lead), (BODY, body)], &mut terms);
        for (term, dt) in terms {
            index.entry(term).or_default().add(doc(docs.len(), i), dt);
        }
    }
    index
}

/// The doc number of the `i`th newest of `n` articles.
fn doc(n: usize, i: usize) -> u32 {
    (n - 1 - i) as u32
}

/// The ranking, as places in the newest-first list the test gave.
fn search(index: &HashMap<String, Postings>, n: usize, query: &str) -> Ranking {
    let mut got = rank(&words(query), |t| index.get(t));
    for d in &mut got.docs {
        *d = doc(n, *d as usize);
    }
    got
}

#[test]
fn ranking_order() {
    let docs = [
        /* 0 */ ("Tin ngắn", "sân bóng và đá cuội", ""),
        /* 1 */ ("Giải bóng đá thị xã", "", ""),
        /* 2 */ ("Tin ngắn", "", "trận bóng đá hay"),
        /* 3 */ ("Cây bông", "", ""),
        /* 4 */ ("Quả bóng", "", ""),
        /* 5 */ ("Tin ngắn", "bóng đá", ""),
        /* 6 */ ("Nghị quyết", "", "Đà Nẵng"),
        /* 7 */ ("Thi xa", "", ""),
        /* 8 */ ("Thị xã", "", ""),
    ];
    let index = index(&docs);
    let cases: [(&str, &[u32], bool); 11] = [
        // Without any mark, no written form is preferred: newer first.
        ("thi xa", &[1, 7, 8], true),
        ("thị xã", &[1, 8, 7], true),
        // Phrase in the title, then in the lead, then scattered in a lead
        // (pairs are indexed in titles and leads), then in the body.
        ("bóng đá", &[1, 5, 0, 2], true),
        ("bong da", &[1, 5, 0, 2], true),
        ("BÓNG ĐÁ", &[1, 5, 0, 2], true),
        // Both found, the typed diacritics first; then newer.
        ("bông", &[3, 1, 4, 0, 5, 2], true),
        ("bóng", &[1, 4, 3, 0, 5, 2], true),
        ("nghi quyet", &[6], true),
        ("da nang", &[6], true),
        // Nothing has every syllable: the best partial matches.
        ("bóng chuyền", &[1, 4, 3, 0, 5, 2], false),
        ("", &[], true),
    ];
    for (query, want, complete) in cases {
        let got = search(&index, docs.len(), query);
        let top: Vec<u32> = got.docs.iter().copied().take(want.len()).collect();
        assert_eq!(top, want, "{query:?}");
        assert_eq!(got.complete, complete, "{query:?}");
    }
}

#[test]
fn nothing_matches() {
    let index = index(&[("Tin", "", "")]);
    let got = search(&index, 1, "xyz");
    assert!(got.docs.is_empty());
    assert!(!got.complete);
}

#[test]
fn query_words_and_terms() {
    let w = words("  Bóng-ĐÁ   thị xã ");
    let typed: Vec<&str> = w.iter().map(|w| w.typed.as_str()).collect();
    assert_eq!(typed, ["bóng", "đá", "thị", "xã"]);
    assert_eq!(
        query_terms(&w),
        ["bong", "da", "thi", "xa", "bong da", "da thi", "thi xa"]
    );
    assert_eq!(words(&"a ".repeat(50)).len(), QUERY_MAX_WORDS);
    assert_eq!(cut_query(&"ậ".repeat(150)).chars().count(), QUERY_MAX_CHARS);
    assert!(words("<script>").iter().all(|w| w.folded == "script"));
}

#[test]
fn postings_round_trip() {
    let postings = Postings {
        cut: 0,
        forms: vec!["bóng".into(), "bông".into()],
        list: vec![
            Posting {
                doc: 3,
                fields: TITLE | BODY,
                forms: 1,
            },
            Posting {
                doc: 40,
                fields: LEAD,
                forms: 3,
            },
            Posting {
                doc: 41,
                fields: BODY,
                forms: 0x80,
            },
        ],
    };
    let entry = postings.encode();
    assert_eq!(entry.p, [3, 13, 37, 26, 1, 1 | 0x80 << 3]);
    assert_eq!(entry.decode(), postings);
}

#[test]
fn shards_are_stable() {
    // FNV-1a 32 reference: "a" → 0xe40c292c.
    assert_eq!(shard_of("a", u32::MAX), 0xe40c292c);
    assert!((0..100).all(|i| shard_of(&format!("t{i}"), 7) < 7));
    assert_eq!(shard_of("x", 0), 0);
}

#[test]
fn marks_fall_on_the_original_text() {
    let title = "Giải BÓNG ĐÁ: bóng-đá, bông";
    let got: Vec<&str> = marks(title, &words("bong da"))
        .into_iter()
        .map(|(s, e)| &title[s..e])
        .collect();
    assert_eq!(got, ["BÓNG", "ĐÁ", "bóng", "đá", "bông"]);
    assert!(marks(title, &[]).is_empty());
}

#[test]
fn first_screen_keeps_within_sixteen_requests() {
    for (shards, want) in [(1, 10), (6, 10), (7, 9), (11, 5), (16, 5)] {
        assert_eq!(first_results(shards), want, "{shards}");
    }
}

#[test]
fn files_a_query_needs_each_once_in_order() {
    assert_eq!(row_files(&[17, 3, 16, 0, 40]), [2, 0, 5]);
    assert_eq!(row_files(&[]), Vec::<u32>::new());
    let terms: Vec<String> = ["a", "b", "a b"].map(String::from).to_vec();
    let segment = |shards, by_syllable| Segment {
        version: String::new(),
        shards,
        by_syllable,
    };
    let shards = segment(7, false).shards_of(&terms);
    let mut expected: Vec<u32> = Vec::new();
    for t in &terms {
        let n = shard_of(t, 7);
        if !expected.contains(&n) {
            expected.push(n);
        }
    }
    assert_eq!(shards, expected);
    assert_eq!(segment(1, false).shards_of(&terms), [0]);
    // By syllable, a pair is where its first syllable is.
    let tail = segment(1 << 20, true);
    assert_eq!(tail.shard_of("a b"), tail.shard_of("a"));
    assert_eq!(tail.shards_of(&terms).len(), 2);
    assert_eq!(tail.key("bong da"), "bong");
    assert_eq!(segment(7, false).key("bong da"), "bong da");
}

#[test]
fn the_tails_cut_leaves_the_bases_best() {
    let posting = |doc, fields| Posting {
        doc,
        fields,
        forms: 1,
    };
    let base = || Postings {
        forms: vec!["x".into()],
        list: vec![posting(1, TITLE), posting(2, BODY), posting(3, LEAD)],
        cut: 0,
    };
    // (cut, docs of the base kept): a lead at doc 3 and better stay.
    let lead_3 = cap_key(&posting(3, LEAD));
    for (cut, kept) in [(0, vec![1, 2, 3]), (lead_3, vec![1, 3]), (u64::MAX, vec![])] {
        let mut tail = Postings {
            forms: vec!["x".into()],
            list: vec![posting(9, BODY)],
            cut,
        };
        tail.join_older(base());
        let docs: Vec<u32> = tail.list.iter().map(|p| p.doc).collect();
        let want: Vec<u32> = [9].into_iter().chain(kept).collect();
        assert_eq!(docs, want, "{cut}");
    }
    // The cut travels in the shard entry, only when there is one.
    let mut tail = base();
    assert_eq!(tail.encode().c, None);
    tail.cut = lead_3;
    assert_eq!(tail.encode().c, Some(lead_3));
    assert_eq!(tail.encode().decode().cut, lead_3);
}

#[test]
fn caps_keep_the_best_then_the_newest() {
    let posting = |doc, fields| Posting {
        doc,
        fields,
        forms: 0,
    };
    let mut p = Postings {
        forms: Vec::new(),
        cut: 0,
        list: vec![
            posting(1, TITLE),
            posting(2, BODY),
            posting(3, LEAD),
            posting(4, BODY),
            posting(5, BODY | LEAD),
        ],
    };
    p.cap(3);
    let kept: Vec<u32> = p.list.iter().map(|p| p.doc).collect();
    assert_eq!(kept, [1, 3, 5]);
    assert_eq!(cap_of("bong"), POSTINGS_MAX);
    assert_eq!(cap_of("bong da"), PAIR_POSTINGS_MAX);
}
