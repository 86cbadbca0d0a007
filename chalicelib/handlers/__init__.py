"""HTTP: one module of routes per area (routing.Routes), served by app.py from the route
table (serving.py). Views parse, authorize, call one service, shape."""
