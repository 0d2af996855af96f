"""Reference data: loaded, idempotent, and the editable SPM settings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from service.core import settings
from service.core.errors import ValidationError
from service.reference.loader import load_all
from service.reference.models import BasicService, PpksCategory, Region, ServiceType


def test_reference_loaded(db):
    assert db.scalar(select(func.count()).select_from(PpksCategory)) == 29
    assert db.scalar(select(func.count()).select_from(ServiceType)) == 24
    metro = db.get(Region, "18.72")
    assert metro.name == "Kota Metro" and metro.level == 2 and metro.parent_code == "18"
    village = db.get(Region, "18.72.03.1002")
    assert village.name == "Ganjar Agung" and village.level == 4
    # province-only load: every province and regency, villages only of Lampung
    assert db.get(Region, "31.71") is not None
    assert db.scalar(select(func.count()).select_from(Region).where(Region.code.like("31.71.%"))) == 0
    bencana = db.get(BasicService, "bencana")
    assert bencana.component_codes == ["bencana_makanan", "bencana_sandang", "bencana_penampungan",
                                       "bencana_kelompok_rentan", "bencana_psikososial"]
    assert db.get(PpksCategory, "odha").sensitive is True
    assert db.get(PpksCategory, "lanjut_usia_terlantar").spm_service_code == "lansia"


def test_reload_changes_nothing(db):
    report = load_all(["18"])
    for table, counts in report.counts.items():
        assert counts["inserted"] == 0 and counts["updated"] == 0, table


def test_reload_repairs_an_edited_name(db):
    db.get(ServiceType, "sandang").name_id = "diubah"
    db.flush()
    report = load_all(["18"], regions=False)
    assert report.counts["service_types"]["updated"] == 1
    assert db.get(ServiceType, "sandang").name_id == "Penyediaan Sandang"


def test_spm_weights_default_and_validation(db):
    assert settings.spm_weights() == (Decimal("0.8"), Decimal("0.2"))
    with pytest.raises(ValidationError) as err:
        settings.set_spm_weights("0.7", "0.2")
    assert "quality" in err.value.fields
    with pytest.raises(ValidationError):
        settings.set_spm_weights("abc", "0.2")
    settings.set_spm_weights("0,75", "0.25")
    assert settings.spm_weights() == (Decimal("0.75"), Decimal("0.25"))


def test_spm_bands(db):
    assert settings.category_for(Decimal("100")) == "Tuntas Paripurna"
    assert settings.category_for(Decimal("92.77")) == "Tuntas Utama"
    assert settings.category_for(Decimal("59.99")) == "Belum Tuntas"
    assert settings.category_for(None) is None
    settings.set_spm_bands([("95", "Sangat baik"), ("0", "Kurang")])
    assert settings.category_for(Decimal("96")) == "Sangat baik"
    assert settings.category_for(Decimal("94.99")) == "Kurang"
    with pytest.raises(ValidationError):
        settings.set_spm_bands([("95", "Sangat baik")])  # no band from 0
    with pytest.raises(ValidationError):
        settings.set_spm_bands([("50", "A"), ("50", "B"), ("0", "C")])
