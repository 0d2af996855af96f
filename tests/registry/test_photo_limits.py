"""Photos: a pixel cap (40 MP) checked before decoding, decompression bombs refused, stored downscaled."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from service.core.errors import ValidationError
from service.registry import persons as registry
from tests import factories


def _png(width: int, height: int, mode: str = "1") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, (width, height)).save(buf, "PNG", optimize=True)
    return buf.getvalue()


@pytest.mark.parametrize("size", [(8000, 6000), (20000, 20000)])  # 48 MP; 400 MP (a decompression bomb)
def test_too_many_pixels_are_refused_before_decoding(db: Any, tmp_path: Any, size: tuple[int, int]) -> None:
    data = _png(*size)
    assert len(data) < registry.PHOTO_MAX_BYTES  # small on disk, huge in memory
    p = factories.person()
    with pytest.raises(ValidationError) as exc:
        registry.save_photo(p, data, str(tmp_path))
    assert "megapiksel" in str(exc.value.fields["photo"]) and not list(tmp_path.iterdir())


def test_a_stored_photo_is_downscaled(db: Any, tmp_path: Any) -> None:
    p = factories.person()
    name = registry.save_photo(p, _png(4000, 3000, "RGB"), str(tmp_path))
    with Image.open(tmp_path / name) as stored:
        assert stored.format == "JPEG" and max(stored.size) == 1200 and stored.size == (1200, 900)


def test_a_truncated_image_is_a_clear_error(db: Any, tmp_path: Any) -> None:
    p = factories.person()
    with pytest.raises(ValidationError):
        registry.save_photo(p, _png(300, 300, "RGB")[:200], str(tmp_path))
