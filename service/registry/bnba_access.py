"""The permission checks on BNBA rows (service.registry.bnba): every row goes through ``can()`` like the
web forms — the role, the area of the row's village, need-to-know of an existing person or case (issue 12)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from service.casework import cases as casework
from service.core.access import can, in_area
from service.core.errors import N_, ValidationError


class Authoriser:
    """The web forms' permission checks, for each row before anything is written (``can()``: role, area
    of the row's village, need-to-know of an existing person or case). A refused row is reported with
    its line number; the reason never names a record the importer may not open."""

    def __init__(self, user: Any, applier: Any) -> None:
        self.user, self.applier = user, applier
        # Rows repeat their person and case (one row per delivery): decide each combination once.
        self.decided: dict[tuple[Any, ...], ValidationError | None] = {}

    def check(self, r: Any) -> None:
        key = (r.person_key, r.person.area_code, r.category, r.disaster_id, r.service is not None)
        if key not in self.decided:
            try:
                self._check(r)
                self.decided[key] = None
            except ValidationError as exc:
                self.decided[key] = exc
        refused = self.decided[key]
        if refused is not None:
            raise ValidationError(dict(refused.fields), **refused.params)

    def _refuse(self, field: str, message: str, **params: Any) -> None:
        raise ValidationError({field: message}, **params)

    def _check(self, r: Any) -> None:
        u = self.user
        place = SimpleNamespace(area_code=r.person.area_code or "")
        if not can(u, "person.edit"):
            self._refuse("nama", N_("Peran Anda tidak boleh mendaftarkan orang."))
        if not can(u, "person.edit", place):
            self._refuse("kode_wilayah", N_("Desa/kelurahan {village} di luar wilayah kerja Anda."),
                         village=r.person.village_code or r.person.area_code or "")
        person = self.applier.existing_person(r)
        if person is not None and not can(u, "person.view", person):
            # Say that the record exists and what to do, never whose it is (name, id, area).
            if r.person.nik:
                if not in_area(getattr(u, "area_code", None), person.area_code):
                    self._refuse("nik", N_("NIK sudah terdaftar di luar wilayah Anda. Minta supervisor atau "
                                           "petugas yang menangani orang tersebut untuk menautkan data ini."))
                self._refuse("nik", N_("NIK sudah terdaftar pada data yang tidak dapat Anda buka. Minta "
                                       "supervisor atau petugas yang menangani orang tersebut."))
            self._refuse("nama", N_("Orang dengan nama, tanggal lahir dan desa ini sudah terdaftar pada data "
                                    "yang tidak dapat Anda buka. Minta supervisor untuk memeriksanya."))
        target: Any = person if person is not None else place
        case = None
        if r.category:
            case = casework.open_case_for(person, r.category) if person is not None else None
            if not can(u, "case.edit"):
                self._refuse("kategori_ppks", N_("Peran Anda tidak boleh membuka kasus atau mencatat asesmen."))
            if not can(u, "case.edit", case if case is not None else target):
                self._refuse("kategori_ppks", N_("Kasus orang ini untuk kategori tersebut tidak ditugaskan kepada "
                                                 "Anda atau di luar wilayah kerja Anda. Minta supervisor."))
        if r.disaster_id is not None and r.category:
            from service.disasters import events

            if not can(u, "disaster.edit", events.get_event(r.disaster_id)):
                self._refuse("kejadian_bencana", N_("Kejadian bencana ini di luar wilayah atau penugasan Anda."))
        if r.service is not None:
            if not can(u, "care.record"):
                self._refuse("layanan", N_("Peran Anda tidak boleh mencatat layanan."))
            if not can(u, "care.record", case if case is not None else target):
                self._refuse("layanan", N_("Layanan untuk orang ini di luar wilayah kerja atau penugasan Anda."))
