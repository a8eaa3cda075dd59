#!/usr/bin/env python3
"""Verkeer voor bench/storing.sh: schrijvers en lezers tegen de dienst, elk verzoek met
tijdstip en status in een JSON-regel (stdout). Schrijvers maken initiatieven met een
unieke titel, zodat na afloop per bevestigde schrijfactie te controleren is of ze er is.

  storing.py BASIS TOKEN SECONDEN SCHRIJVERS LEZERS
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request

basis, token, seconden, schrijvers, lezers = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
einde = time.time() + seconden
slot = threading.Lock()


def verzoek(methode, pad, body=None):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(basis + pad, data=data, method=methode)
    r.add_header("Authorization", "Bearer " + token)
    if data is not None:
        r.add_header("Content-Type", "application/json")
    begin = time.time()
    try:
        with urllib.request.urlopen(r, timeout=30) as antwoord:
            status, retry = antwoord.status, antwoord.headers.get("Retry-After")
    except urllib.error.HTTPError as e:
        status, retry = e.code, e.headers.get("Retry-After")
    except Exception as e:  # verbinding geweigerd of verbroken
        status, retry = 0, str(e)[:60]
    return begin, time.time() - begin, status, retry


def schrijver(nr):
    i = 0
    while time.time() < einde:
        i += 1
        titel = f"Storing {nr}-{i}"
        begin, duur, status, retry = verzoek(
            "POST", "/api/v1/initiatieven", {"titel": titel, "thema": "vrije_tijd", "organisatie": "Storingstest"})
        with slot:
            print(json.dumps({"soort": "schrijf", "titel": titel, "t": begin, "duur": duur, "status": status, "retry": retry}), flush=True)
        if status == 503:
            time.sleep(0.2)


def lezer(nr):
    while time.time() < einde:
        begin, duur, status, retry = verzoek("GET", "/api/v1/gebieden?paginaGrootte=5")
        with slot:
            print(json.dumps({"soort": "lees", "t": begin, "duur": duur, "status": status, "retry": retry}), flush=True)
        if status == 503:
            time.sleep(0.2)


draden = [threading.Thread(target=schrijver, args=(n,)) for n in range(schrijvers)]
draden += [threading.Thread(target=lezer, args=(n,)) for n in range(lezers)]
for d in draden:
    d.start()
for d in draden:
    d.join()
