"""Graph work whose networkx calls go through its run-time compiled `argmap` wrappers."""

import networkx as nx

grid = nx.grid_2d_graph(12, 12)
for u, v in grid.edges():
    grid.edges[u, v]["weight"] = (u[0] * 7 + v[1] * 3) % 5 + 1

distances = nx.single_source_dijkstra_path_length(grid, (0, 0))
path = nx.shortest_path(grid, (0, 0), (11, 11), weight="weight")
tree = nx.minimum_spanning_tree(grid)
print(len(distances), len(path), tree.number_of_edges(), tree.size(weight="weight"))
