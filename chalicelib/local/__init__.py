"""The embedded local AWS for `make run`: moto's server, tables and demo data. Never
imported by the deployed app."""
