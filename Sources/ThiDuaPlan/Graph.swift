/// Cycles among declarations (§4 days, §6 expressions): the strongly connected components that are
/// cycles, each listed in file order (Tarjan's algorithm, iterative so that a long chain of
/// references cannot exhaust the stack).
enum Graph {
    /// `edges[i]`: the nodes node i refers to. Returns every component with more than one node or a
    /// self-reference, members ascending.
    static func cycles(_ edges: [[Int]]) -> [[Int]] {
        let n = edges.count
        var index = Array(repeating: -1, count: n)
        var low = Array(repeating: 0, count: n)
        var onStack = Array(repeating: false, count: n)
        var stack: [Int] = []
        var counter = 0
        var out: [[Int]] = []
        for root in 0..<n where index[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let top = work.last {
                let v = top.node
                if top.next < edges[v].count {
                    work[work.count - 1].next += 1
                    let w = edges[v][top.next]
                    guard w >= 0, w < n else { continue }
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last { low[parent.node] = min(low[parent.node], low[v]) }
                    if low[v] == index[v] {
                        var component: [Int] = []
                        while let w = stack.popLast() {
                            onStack[w] = false
                            component.append(w)
                            if w == v { break }
                        }
                        if component.count > 1 || edges[v].contains(v) { out.append(component.sorted()) }
                    }
                }
            }
        }
        return out.sorted { $0[0] < $1[0] }
    }

    /// The nodes in an order where every node comes after the nodes it refers to; nodes in `skip`
    /// (cycles) are left out, and edges into them ignored.
    static func dependencyOrder(_ edges: [[Int]], skip: Set<Int>) -> [Int] {
        let n = edges.count
        var done = Array(repeating: false, count: n)
        var order: [Int] = []
        for root in 0..<n where !done[root] && !skip.contains(root) {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            done[root] = true
            while let top = work.last {
                let v = top.node
                if top.next < edges[v].count {
                    work[work.count - 1].next += 1
                    let w = edges[v][top.next]
                    if w >= 0, w < n, !done[w], !skip.contains(w) { done[w] = true; work.append((w, 0)) }
                } else {
                    work.removeLast()
                    order.append(v)
                }
            }
        }
        return order
    }
}
