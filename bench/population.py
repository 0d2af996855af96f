"""A realistic, deterministic population for the benchmarks (no database needed).

Names follow Indonesian frequencies (a few given names such as Siti, Muhammad, Nur, Sri
carry a large share, as in the registers), every person has a birth date (a few estimated
from an age), most a valid NIK from the district of first registration, and persons live
in households (head, spouse, children a generation younger) spread over the real villages
of the regency. Planted among them:

* **true duplicates**: a second record of the same person, as a clerk typed it again
  (``Moh.`` for Muhammad, ``Nurhayati`` for Nur Hayati, a title, capitals, punctuation),
  usually without the NIK, with the same birth date (sometimes in another village after a
  move) or with an estimated birth date in the same year in the same village;
* **namesakes**: two different persons with the same name and birth date, both with their
  own valid NIK: these are NOT duplicates.

``population(n, villages, rng)`` returns the rows and the planted pairs (index pairs).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

# (name, weight): weights roughly follow how often the name opens a name in the registers.
FEMALE_FIRST = [("Siti", 14), ("Nur", 7), ("Sri", 7), ("Dewi", 4), ("Ani", 2), ("Rina", 2), ("Yuni", 2),
                ("Putri", 2), ("Indah", 2), ("Ayu", 2), ("Fitri", 2), ("Dian", 2), ("Eka", 2), ("Tri", 2),
                ("Endang", 2), ("Ratna", 1), ("Rini", 1), ("Wulan", 1), ("Nurul", 2), ("Dwi", 2), ("Lilis", 1),
                ("Yulia", 1), ("Rahma", 1), ("Aisyah", 1), ("Fatimah", 1), ("Maryam", 1), ("Novi", 1),
                ("Susi", 1), ("Tuti", 1), ("Wiwik", 1), ("Umi", 1), ("Nining", 1), ("Eni", 1), ("Heni", 1)]
MALE_FIRST = [("Muhammad", 14), ("Ahmad", 6), ("Agus", 5), ("Budi", 3), ("Eko", 3), ("Joko", 2), ("Bambang", 2),
              ("Slamet", 2), ("Wahyu", 2), ("Rudi", 2), ("Andi", 2), ("Dedi", 2), ("Hendra", 1), ("Rizki", 2),
              ("Dani", 1), ("Fajar", 1), ("Arif", 2), ("Yusuf", 1), ("Abdul", 3), ("Iwan", 1), ("Heru", 1),
              ("Sugeng", 1), ("Nur", 2), ("Dwi", 2), ("Tri", 2), ("Adi", 2), ("Imam", 1), ("Irfan", 1),
              ("Hadi", 1), ("Yudi", 1), ("Teguh", 1), ("Rahmat", 1), ("Ilham", 1), ("Hasan", 1)]
FEMALE_LAST = ["Aminah", "Rahayu", "Lestari", "Wulandari", "Handayani", "Susanti", "Purwanti", "Kurniasih",
               "Hayati", "Aisyah", "Fatimah", "Sari", "Wahyuni", "Yuliana", "Maryati", "Suryani", "Rahmawati",
               "Ningsih", "Astuti", "Nurjanah", "Khasanah", "Mulyani", "Anggraini", "Safitri", "Puspita",
               "Oktaviani", "Permata", "Utami", "Pertiwi", "Marlina", "Juwita", "Novitasari", "Rohmah",
               "Zulaikha", "Hasanah", "Setiawati", "Komariah", "Saodah", "Halimah", "Romlah"]
MALE_LAST = ["Hidayat", "Saputra", "Pratama", "Setiawan", "Kurniawan", "Wijaya", "Santoso", "Prasetyo",
             "Nugroho", "Hakim", "Rahman", "Ramadhan", "Firmansyah", "Gunawan", "Susanto", "Hermawan",
             "Syahputra", "Ali", "Ridwan", "Fauzi", "Hidayatullah", "Maulana", "Sholeh", "Wibowo", "Siregar",
             "Nasution", "Lubis", "Harahap", "Effendi", "Iskandar", "Hasibuan", "Purnomo", "Sutrisno",
             "Suharto", "Mulyadi", "Yulianto", "Suherman", "Kusuma", "Anwar", "Ismail"]
SINGLE = ["Suminah", "Sumarni", "Sulastri", "Painem", "Tukinem", "Sarinah", "Paijo", "Sukiman", "Tukiran",
          "Suparman", "Supriyadi", "Sumardi", "Karto", "Sarmin", "Wagiman", "Legiman"]
MUHAMMAD_VARIANTS = ["Moh.", "M.", "Muhamad", "Mohammad", "Mochammad", "Muh."]
TITLES_BEFORE = ["Hj.", "H.", "Ibu", "Bpk.", "Sdr."]
TITLES_AFTER = [", S.Pd.", ", S.Sos.", ", S.E.", ", A.Md."]
BIRTH_PLACES = ["Metro", "Bandar Lampung", "Lampung Tengah", "Lampung Timur", "Pringsewu", "Jakarta", "Klaten",
                "Kebumen", "Palembang"]
TODAY = dt.date(2026, 11, 1)


@dataclass
class Population:
    persons: list[dict] = field(default_factory=list)
    households: list[dict] = field(default_factory=list)  # head index, member indexes, village, kk_number
    duplicates: list[tuple[int, int]] = field(default_factory=list)  # (original, second record)
    namesakes: list[tuple[int, int]] = field(default_factory=list)  # same name and birth date, two persons


def _weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    names, weights = zip(*table, strict=True)
    return rng.choices(names, weights=weights)[0]


def make_name(rng: random.Random, sex: str) -> str:
    if rng.random() < 0.06:
        return rng.choice(SINGLE)
    first = _weighted(rng, FEMALE_FIRST if sex == "P" else MALE_FIRST)
    last_pool = FEMALE_LAST if sex == "P" else MALE_LAST
    if rng.random() < 0.3:
        middle = _weighted(rng, FEMALE_FIRST if sex == "P" else MALE_FIRST)
        if middle != first:
            return f"{first} {middle} {rng.choice(last_pool)}"
    return f"{first} {rng.choice(last_pool)}"


def variant(rng: random.Random, name: str) -> str:
    """The same name as another clerk types it: same ``name_key`` with spaces ignored."""
    words = name.split()
    choices = ["caps", "title", "punct"]
    if words[0] == "Muhammad":
        choices += ["muhammad"] * 3
    if len(words) >= 2 and len(words[0]) <= 4:
        choices += ["join"] * 2
    if len(words) == 1 and len(name) >= 7:
        choices.append("split")
    kind = rng.choice(choices)
    if kind == "muhammad":
        return " ".join([rng.choice(MUHAMMAD_VARIANTS), *words[1:]])
    if kind == "join":
        return " ".join([words[0] + words[1].lower(), *words[2:]])
    if kind == "split":
        return f"{name[:3]} {name[3:].capitalize()}"
    if kind == "title":
        return rng.choice(TITLES_BEFORE) + " " + name if rng.random() < 0.6 else name + rng.choice(TITLES_AFTER)
    if kind == "caps":
        return name.upper()
    return name.replace(" ", "  ", 1) + "."


def make_nik(district: str, birth: dt.date, sex: str, serial: int) -> str:
    """A valid NIK: district of first registration, birth date (+40 for women), serial (never 0000)."""
    day = birth.day + (40 if sex == "P" else 0)
    return f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial % 9999 + 1:04d}"


def _birth(rng: random.Random, lo: int, hi: int) -> dt.date:
    """A birth date of someone aged ``lo``..``hi`` on TODAY."""
    return TODAY - dt.timedelta(days=rng.randint(lo * 365, hi * 365 + 364))


def population(n: int, villages: list[str], rng: random.Random, duplicate_rate: float = 0.01,
               namesake_rate: float = 0.002) -> Population:
    """``n`` persons (planted second records included) over ``villages`` (PP.KK.DD.VVVV codes)."""
    pop = Population()
    weights = [rng.uniform(0.5, 2.0) for _ in villages]  # villages differ in size
    serials: dict[tuple[str, str], int] = {}  # (district, birth part) -> last serial used
    n_dup = int(n * duplicate_rate)
    n_namesake = int(n * namesake_rate)
    n_base = n - n_dup - n_namesake

    def nik_for(village: str, birth: dt.date, sex: str) -> str:
        district = village[:8]
        key = (district, f"{birth:%d%m%y}{sex}")
        serials[key] = serials.get(key, 0) + 1
        return make_nik(district, birth, sex, serials[key])

    def add(name: str, sex: str, birth: dt.date, village: str, *, nik: bool, estimated: bool = False) -> int:
        pop.persons.append({
            "name": name, "sex": sex, "birth_date": birth, "birth_date_estimated": estimated,
            "birth_place": rng.choice(BIRTH_PLACES), "village_code": village, "area_code": village,
            "nik": nik_for(village, birth, sex) if nik else None,
            "no_nik_reason": None if nik else "belum_terdaftar",
            "address": f"RT {rng.randint(1, 30):03d} / RW {rng.randint(1, 12):03d}"})
        return len(pop.persons) - 1

    while len(pop.persons) < n_base:
        village = rng.choices(villages, weights=weights)[0]
        if rng.random() < 0.15:  # living alone or outside any family card: many elderly
            sex = rng.choice("LP")
            add(make_name(rng, sex), sex, _birth(rng, 18, 95), village, nik=rng.random() < 0.85)
            continue
        head_sex = "L" if rng.random() < 0.85 else "P"
        head_birth = _birth(rng, 22, 80)
        members = [add(make_name(rng, head_sex), head_sex, head_birth, village, nik=rng.random() < 0.9)]
        if rng.random() < 0.8 and len(pop.persons) < n_base:
            sex = "P" if head_sex == "L" else "L"
            birth = min(head_birth + dt.timedelta(days=rng.randint(-8 * 365, 5 * 365)), TODAY)
            members.append(add(make_name(rng, sex), sex, birth, village, nik=rng.random() < 0.9))
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            low = head_birth + dt.timedelta(days=18 * 365)
            if low >= TODAY or len(pop.persons) >= n_base:
                break
            birth = low + dt.timedelta(days=rng.randrange(min(22 * 365, (TODAY - low).days)))
            sex = rng.choice("LP")
            members.append(add(make_name(rng, sex), sex, birth, village, nik=rng.random() < 0.75))
        pop.households.append({"head": members[0], "members": members, "village_code": village,
                               "kk_number": None})
    for k, hh in enumerate(pop.households):
        # KK number: district code, issue date, serial; unique by construction.
        hh["kk_number"] = f"{hh['village_code'][:8].replace('.', '')}{k % 999_999 + 1:06d}{k // 999_999 + 1:04d}"
    base = len(pop.persons)
    for _ in range(n_dup):
        i = rng.randrange(base)
        orig = pop.persons[i]
        kind = rng.random()
        birth, village, estimated = orig["birth_date"], orig["village_code"], False
        if kind < 0.25:  # moved: registered again in another village
            village = rng.choice([v for v in villages if v != village] or villages)
        elif kind < 0.40:  # birth date estimated from an age: 1 July of the same year
            birth, estimated = dt.date(birth.year, 7, 1), True
        j = add(variant(rng, orig["name"]), orig["sex"], birth, village,
                nik=orig["nik"] is None and rng.random() < 0.5, estimated=estimated)
        pop.duplicates.append((i, j))
    used = {i for i, _ in pop.duplicates}
    for _ in range(n_namesake):
        i = rng.randrange(base)
        while i in used:
            i = rng.randrange(base)
        used.add(i)
        orig = pop.persons[i]
        if orig["nik"] is None:
            orig["nik"] = nik_for(orig["village_code"], orig["birth_date"], orig["sex"])
            orig["no_nik_reason"] = None
        j = add(orig["name"], orig["sex"], orig["birth_date"], rng.choice(villages), nik=True)
        pop.namesakes.append((i, j))
    return pop
