"""Meet de drie zware bodies van issue 29 (T1 punt 1) tegen een draaiende dienst.

Aangeroepen door bench/stilstand.sh met BASE, TOKEN en PERSOON in de omgeving.
Per body: vijf keer alleen (mediaan en maximum), dan vijf keer alle drie tegelijk
terwijl een draad /health/live elke 20 ms vraagt (langste antwoordtijd). Alleen
loopback; elke lus is begrensd in aantal.
"""

import json
import os
import statistics
import threading
import time
import urllib.error
import urllib.request
import uuid

BASE = os.environ["BASE"]
TOKEN = os.environ["TOKEN"]
PERSOON = os.environ["PERSOON"]
GEBIED = os.environ["GEBIED"]


def onbekend(n):
    return {f"v{i:05}": 0 for i in range(n)}


wachtwoord = onbekend(80_000)
wachtwoord["gebruikersnaam"] = "oss.coordinator"
actie = onbekend(40_000)
actie["omschrijving"] = "Actie"
BODIES = {
    "POST /auth/wachtwoord (80 000 onbekende velden, anoniem)": (
        "POST", "/api/v1/auth/wachtwoord", None, wachtwoord),
    "POST /bijeenkomsten (40 000 velden in acties[0])": (
        "POST", "/api/v1/bijeenkomsten", TOKEN,
        {"soort": "kerngroep", "datum": "2026-01-10", "gebiedId": GEBIED, "acties": [actie]}),
    "PATCH /sleutelpersonen/{id} (25 000 UUID's in delenMet)": (
        "PATCH", f"/api/v1/sleutelpersonen/{PERSOON}", TOKEN,
        {"toestemming": {"datum": "2026-01-05", "doel": "Netwerk", "bewaartermijnTot": "2030-01-01",
                         "delenMet": [str(uuid.uuid4()) for _ in range(25_000)]}}),
}
DATA = {naam: json.dumps(b[3]).encode() for naam, b in BODIES.items()}


def stuur(naam):
    methode, pad, token, _ = BODIES[naam]
    req = urllib.request.Request(BASE + pad, data=DATA[naam], method=methode)
    req.add_header("Content-Type", "application/json")
    req.add_header("If-Match", '"1"')
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    begin = time.perf_counter()
    try:
        urllib.request.urlopen(req, timeout=30).read()
        status = 200
    except urllib.error.HTTPError as e:
        body = json.loads(e.read())
        status = e.code
        assert len(body.get("invalidParams", [])) <= 50, naam
    return status, (time.perf_counter() - begin) * 1000


def ms(waarden):
    return f"mediaan {statistics.median(waarden):.0f} ms, max {max(waarden):.0f} ms"


print(f"bodygroottes: " + ", ".join(f"{len(d) // 1024} KiB" for d in DATA.values()))
for naam in BODIES:
    tijden = []
    for _ in range(5):
        status, t = stuur(naam)
        assert status == 400, (naam, status)
        tijden.append(t)
    print(f"alleen    {naam}: {ms(tijden)}")

samen = {naam: [] for naam in BODIES}
live = []
klaar = threading.Event()


def hartslag():
    for _ in range(100_000):
        if klaar.is_set():
            return
        begin = time.perf_counter()
        urllib.request.urlopen(BASE + "/health/live", timeout=10).read()
        live.append((time.perf_counter() - begin) * 1000)
        time.sleep(0.02)


h = threading.Thread(target=hartslag)
h.start()
for _ in range(5):
    resultaten = {}
    draden = [threading.Thread(target=lambda n=n: resultaten.__setitem__(n, stuur(n))) for n in BODIES]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    for naam, (status, t) in resultaten.items():
        assert status == 400, (naam, status)
        samen[naam].append(t)
klaar.set()
h.join()
for naam, tijden in samen.items():
    print(f"tegelijk  {naam}: {ms(tijden)}")
print(f"/health/live intussen: {len(live)} keer, {ms(live)}")
