"""A small program on a real library: a grid graph, shortest paths, a spanning tree, and one
caught exception (a path to a node that is not there), for the HUD's end-to-end tests.

Run it traced with `flow run --include networkx tests/hud_programs/networkx_paths.py`.
"""

import networkx as nx


def build_grid(rows: int, cols: int) -> nx.Graph:
    graph = nx.grid_2d_graph(rows, cols)
    for index, (u, v) in enumerate(sorted(graph.edges())):
        graph.edges[u, v]["weight"] = 1 + index % 3
    return graph


def shortest_routes(graph: nx.Graph, source: tuple[int, int]) -> dict[tuple[int, int], int]:
    lengths = nx.single_source_dijkstra_path_length(graph, source, weight="weight")
    return dict(lengths)


def route_to(graph: nx.Graph, source: tuple[int, int], target: tuple[int, int]) -> list:
    try:
        return list(nx.shortest_path(graph, source, target, weight="weight"))
    except nx.NodeNotFound:
        return []


def spanning_weight(graph: nx.Graph) -> int:
    tree = nx.minimum_spanning_tree(graph, weight="weight")
    return int(tree.size(weight="weight"))


def main() -> None:
    graph = build_grid(6, 6)
    routes = shortest_routes(graph, (0, 0))
    path = route_to(graph, (0, 0), (5, 5))
    missing = route_to(graph, (0, 0), (9, 9))
    print(f"nodes={graph.number_of_nodes()} farthest={max(routes.values())}")
    print(f"path={len(path)} missing={len(missing)} tree={spanning_weight(graph)}")


if __name__ == "__main__":
    main()
