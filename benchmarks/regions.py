"""The regions the synthetic benchmark stores place their events in (bench_dedup, bench_serve):
iso: (country, latitude range, longitude range, the state's forces as ACLED names them)."""

REGIONS = {
    "SY": ("Syria", (32.5, 37.0), (36.0, 41.0), "Military Forces of Syria"),
    "SD": ("Sudan", (10.0, 19.0), (23.0, 36.0), "Military Forces of Sudan"),
    "UA": ("Ukraine", (46.5, 50.5), (33.0, 39.5), "Military Forces of Ukraine"),
    "ML": ("Mali", (12.0, 20.0), (-8.0, 4.0), "Military Forces of Mali"),
    "MM": ("Myanmar", (16.0, 25.0), (94.0, 99.0), "Military Forces of Myanmar"),
}
