"""Uploaded images decoded safely: the pixel count is checked from the header before any decoding,
decompression bombs are refused, and what is kept is downscaled (and re-encoded, dropping metadata)."""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from service.core.errors import N_, ValidationError

MAX_PIXELS = 40_000_000  # 40 megapixels
STORED_SIDE = 1200       # kept images fit 1200 x 1200


def decode(data: bytes, kinds: tuple[str, ...], field: str = "photo", side: int = STORED_SIDE,
           max_pixels: int = MAX_PIXELS) -> Image.Image:
    """An RGB image at most ``side`` x ``side`` from ``data``, or a ValidationError on ``field``."""
    too_large = ValidationError({field: N_("Gambar terlalu besar: paling banyak {mp} megapiksel.")},
                                mp=max_pixels // 1_000_000)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind, (width, height) = probe.format, probe.size
                if width * height > max_pixels:
                    raise too_large
                probe.verify()
            if kind not in kinds:
                raise ValidationError({field: N_("Foto harus JPEG, PNG atau WEBP.")})
            image = Image.open(io.BytesIO(data))
            if image.size != (width, height):
                raise too_large
            image.draft("RGB", (side, side))  # JPEG: decode straight at a reduced size
            image.thumbnail((side, side))
            return image.convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError({field: N_("Berkas ini bukan gambar yang valid.")}) from None
