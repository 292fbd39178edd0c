"""What one layer holds, as both readers report it: (path, size, kind) per entry.

`layerlab.engine.layers` reads them from the engine's image export (a tar per layer),
`layerlab.engine.layer_store` from the engine's own overlay2 folders; the analysis takes
either. Paths are relative to the root ("usr/bin/python3"); a whiteout names the path it
deletes, an opaque entry the folder whose lower contents it hides.
"""

from __future__ import annotations

FILE, DIR, WHITEOUT, OPAQUE = 0, 1, 2, 3

# path, size (0 for links, devices and every copy of a hard-linked file but the first), kind
Entry = tuple[str, int, int]
