/// Standard competition ranking (1, 2, 2, 4), highest first; an empty value gets no rank
/// (SPEC §4.3). `values` are keyed by an id; ties are broken for listing only, by id.
public enum Ranking {
    public static func competition<Value: Comparable>(_ values: [(id: String, value: Value?)]) -> [String: Int] {
        let present = values.compactMap { item in item.value.map { (id: item.id, value: $0) } }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.id < $1.id }
        var ranks: [String: Int] = [:]
        var previous: Value?
        var previousRank = 0
        for (index, item) in present.enumerated() {
            let rank = (previous != nil && previous! == item.value) ? previousRank : index + 1
            ranks[item.id] = rank
            previous = item.value
            previousRank = rank
        }
        return ranks
    }

    /// Listing order: by rank (unranked last), then id.
    public static func listingOrder(_ a: (rank: Int?, id: String), _ b: (rank: Int?, id: String)) -> Bool {
        switch (a.rank, b.rank) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.id < b.id
        }
    }
}
