"""HTTP: one Chalice Blueprint per area. Views parse, authorize, call one service, shape."""
