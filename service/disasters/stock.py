"""Warehouse stock (buffer stock) — owner of ``StockItem``, ``Warehouse``, ``StockLevel`` and
``StockMovement`` (docs/disasters.md "Stock").

Stock on hand can never go negative. Every decrease is one conditional
``UPDATE stock_levels SET quantity = quantity - :n WHERE … AND quantity >= :n``;
zero rows updated means not enough stock and the whole use case fails. On
PostgreSQL the UPDATE takes the row lock and re-checks the condition after a
concurrent writer commits (READ COMMITTED), on SQLite the write lock serialises
writers; the CHECK constraint ``quantity >= 0`` is the last line of defence.
The units themselves are taken from batches, first expiry first (``service.disasters.batches``).
"""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, func, select, update

from service.core import clock
from service.core.db import get_or_raise, session
from service.core.errors import N_, ValidationError
from service.core.formatting import MAX_QUANTITY, parse_date, past_date
from service.disasters import batches as batch_book
from service.disasters.models.stock import RECEIPT_SOURCES, StockItem, StockLevel, StockMovement, Warehouse
from service.reference import regions
from service.reference.models import ServiceType

GUARD_PERIODS = ("none", "day", "event")
GUARD_LABELS = {"none": N_("Tanpa batas"), "day": N_("Sekali sehari per rumah tangga"),
                "event": N_("Sekali per kejadian per rumah tangga")}
SOURCE_LABELS = {"kementerian": N_("Kementerian Sosial"), "provinsi": N_("Dinas Sosial Provinsi"),
                 "donatur": N_("Donatur"), "apbd": N_("APBD"), "lainnya": N_("Lainnya")}
KIND_LABELS = {"receipt": N_("Penerimaan"), "issue": N_("Pengeluaran ke kejadian"),
               "transfer_out": N_("Mutasi keluar"), "transfer_in": N_("Mutasi masuk"),
               "distribution": N_("Distribusi"), "return": N_("Pengembalian (distribusi dibatalkan)")}

# The default catalogue (buffer stock of a Dinas Sosial), reference data: code, Indonesian and English name,
# unit, food, SPM component, double-distribution guard.
DEFAULT_ITEMS_CSV = Path(__file__).parent / "data" / "stock_items.csv"


def read_default_items() -> list[dict[str, Any]]:
    with DEFAULT_ITEMS_CSV.open(newline="", encoding="utf-8") as fh:
        return [{"code": r["code"].strip(), "name": r["name_id"].strip(), "name_en": r["name_en"].strip(),
                 "unit": r["unit"].strip(), "is_food": r["is_food"].strip().upper() == "Y",
                 "service_type_code": r["spm_component"].strip() or None, "guard_period": r["guard_period"].strip()}
                for r in csv.DictReader(fh)]


def positive_int(raw: Any, field: str) -> int:
    """A whole number of 1 or more, or a ValidationError on ``field``."""
    try:
        value = int(str(raw).strip())
        if value < 1:
            raise ValueError
    except (TypeError, ValueError):
        raise ValidationError({field: N_("Jumlah harus bilangan bulat 1 atau lebih.")}) from None
    if value > MAX_QUANTITY:
        raise ValidationError({field: N_("Jumlah paling banyak 1.000.000.")})
    return value


# ---------------------------------------------------------------- catalogue
def _item_errors(name: str, unit: str, service_type_code: str | None, guard_period: str,
                 name_en: str | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = N_("Nama barang wajib diisi.")
    elif len(name.strip()) > 200:
        errors["name"] = N_("Nama paling banyak 200 karakter.")
    if len((name_en or "").strip()) > 200:
        errors["name_en"] = N_("Nama paling banyak 200 karakter.")
    if not (unit or "").strip():
        errors["unit"] = N_("Satuan wajib diisi.")
    elif len(unit.strip()) > 20:
        errors["unit"] = N_("Satuan paling banyak 20 karakter.")
    if service_type_code and session.get(ServiceType, service_type_code) is None:
        errors["service_type_code"] = N_("Jenis layanan tidak dikenal: {code}.")
    if guard_period not in GUARD_PERIODS:
        errors["guard_period"] = N_("Aturan pembagian ganda tidak dikenal.")
    return errors


def create_item(code: str, name: str, unit: str, *, is_food: bool = False, service_type_code: str | None = None,
                guard_period: str = "none", name_en: str | None = None) -> StockItem:
    errors: dict[str, str] = {}
    code = (code or "").strip().lower()
    if not code:
        errors["code"] = N_("Kode barang wajib diisi.")
    elif len(code) > 40:
        errors["code"] = N_("Kode barang paling banyak 40 karakter.")
    elif session.scalar(select(StockItem).where(StockItem.code == code)) is not None:
        errors["code"] = N_("Kode barang {code} sudah dipakai.")
    errors.update(_item_errors(name, unit, service_type_code, guard_period, name_en))
    if errors:
        raise ValidationError(errors, code=code)
    item = StockItem(code=code, name=name.strip(), name_en=(name_en or "").strip() or None, unit=unit.strip(),
                     is_food=is_food, service_type_code=service_type_code or None, guard_period=guard_period)
    session.add(item)
    session.flush()
    return item


def update_item(item: StockItem, *, name: str, name_en: str | None, unit: str, guard_period: str,
                active: bool = True) -> StockItem:
    """The office's edit of a catalogue item: names (Indonesian, English), unit, guard, in use or not.
    The code, the food flag and the SPM component stay (stock, deliveries and reports hang on them)."""
    errors = _item_errors(name, unit, item.service_type_code, guard_period, name_en)
    if errors:
        raise ValidationError(errors, code=item.code)
    item.name, item.name_en, item.unit = name.strip(), (name_en or "").strip() or None, unit.strip()
    item.guard_period, item.active = guard_period, active
    session.flush()
    return item


def set_guard_period(item: StockItem, period: str) -> StockItem:
    """Change the double-distribution rule of an item (data, editable by an operator)."""
    if period not in GUARD_PERIODS:
        raise ValidationError({"guard_period": N_("Aturan pembagian ganda tidak dikenal.")})
    item.guard_period = period
    session.flush()
    return item


def ensure_default_items() -> list[StockItem]:
    """Create the default catalogue items that are missing (idempotent)."""
    out = []
    for row in read_default_items():
        item = session.scalar(select(StockItem).where(StockItem.code == row["code"]))
        if item is None:
            item = create_item(**row)
        out.append(item)
    return out


def items(active_only: bool = True) -> list[StockItem]:
    stmt = select(StockItem).order_by(StockItem.name)
    if active_only:
        stmt = stmt.where(StockItem.active)
    return list(session.scalars(stmt))


def get_item(item_id: Any) -> StockItem:
    return get_or_raise(StockItem, item_id, N_("Barang tidak ditemukan."))  # type: ignore[no-any-return]


# ---------------------------------------------------------------- warehouses
def create_warehouse(code: str, name: str, area_code: str, address: str | None = None) -> Warehouse:
    errors: dict[str, str] = {}
    code = (code or "").strip().upper()
    if not code:
        errors["code"] = N_("Kode gudang wajib diisi.")
    elif session.scalar(select(Warehouse).where(Warehouse.code == code)) is not None:
        errors["code"] = N_("Kode gudang {code} sudah dipakai.")
    if not (name or "").strip():
        errors["name"] = N_("Nama gudang wajib diisi.")
    if not area_code or regions.get(area_code) is None:
        errors["area_code"] = N_("Kode wilayah {code} tidak dikenal.")
    if errors:
        raise ValidationError(errors, code=code or area_code or "")
    wh = Warehouse(code=code, name=name.strip(), area_code=area_code, address=address)
    session.add(wh)
    session.flush()
    return wh


def get_warehouse(warehouse_id: Any) -> Warehouse:
    return get_or_raise(Warehouse, warehouse_id, N_("Gudang tidak ditemukan."))  # type: ignore[no-any-return]


def warehouses_stmt(user: Any = None) -> Select[Any]:
    from service.core.access import scope_area

    stmt = select(Warehouse).where(Warehouse.active).order_by(Warehouse.name)
    if user is not None:
        stmt = stmt.where(scope_area(user, Warehouse.area_code))
    return stmt


# ---------------------------------------------------------------- levels
def on_hand(warehouse: Warehouse, item: StockItem) -> int:
    return session.scalar(select(StockLevel.quantity).where(StockLevel.warehouse_id == warehouse.id,
                                                            StockLevel.item_id == item.id)) or 0


def _increase(warehouse_id: uuid.UUID, item_id: uuid.UUID, qty: int) -> None:
    table = StockLevel.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
    session.execute(dialect_insert(table).values(warehouse_id=warehouse_id, item_id=item_id, quantity=0)
                    .on_conflict_do_nothing())
    session.execute(update(table).where(table.c.warehouse_id == warehouse_id, table.c.item_id == item_id)
                    .values(quantity=table.c.quantity + qty))


def _decrease(warehouse: Warehouse, item: StockItem, qty: int, field: str = "quantity") -> None:
    """Take ``qty`` out of stock or fail: one conditional UPDATE (see module docstring)."""
    table = StockLevel.__table__
    result = session.execute(
        update(table)
        .where(table.c.warehouse_id == warehouse.id, table.c.item_id == item.id, table.c.quantity >= qty)
        .values(quantity=table.c.quantity - qty)
    )
    if result.rowcount != 1:
        raise ValidationError({field: N_("Stok {item} di {warehouse} tidak cukup (tersedia {available} {unit}).")},
                              item=item.name, warehouse=warehouse.name, available=on_hand(warehouse, item),
                              unit=item.unit)


def receive(warehouse: Warehouse, item: StockItem, quantity: Any, *, source: str, document_ref: str,
            received_on: dt.date | str | None = None, expires_on: dt.date | str | None = None,
            note: str | None = None, today: dt.date | None = None) -> StockMovement:
    """A receipt from the ministry, province, a donor…, with its document reference."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    try:
        qty = positive_int(quantity, "quantity")
    except ValidationError as exc:
        errors.update(exc.fields)
        qty = 0
    if source not in RECEIPT_SOURCES:
        errors["source"] = N_("Sumber barang tidak dikenal.")
    if not (document_ref or "").strip():
        errors["document_ref"] = N_("Nomor dokumen (BAST/surat) wajib diisi.")
    day = past_date(received_on, "received_on", today, errors) or today
    exp = None
    try:
        exp = parse_date(expires_on, "expires_on")
    except ValidationError as exc:
        errors.update(exc.fields)
    if item.is_food and exp is None and "expires_on" not in errors:
        errors["expires_on"] = N_("Tanggal kedaluwarsa wajib untuk bahan makanan.")
    if errors:
        raise ValidationError(errors)
    move = StockMovement(kind="receipt", warehouse_id=warehouse.id, item_id=item.id, quantity=qty, occurred_on=day,
                         source=source, document_ref=document_ref.strip(), expires_on=exp, note=note)
    session.add(move)
    session.flush()
    _increase(warehouse.id, item.id, qty)
    batch_book.add_batch(move)
    return move


def issue(warehouse: Warehouse, item: StockItem, quantity: Any, *, event: Any, issued_on: dt.date | str | None = None,
          document_ref: str | None = None, note: str | None = None, kind: str = "issue",
          distribution_id: uuid.UUID | None = None, today: dt.date | None = None) -> StockMovement:
    """Stock leaves the warehouse for an event (bulk issue, or one distribution)."""
    today = today or clock.today()
    qty = positive_int(quantity, "quantity")
    day = past_date(issued_on, "issued_on", today) or today
    _decrease(warehouse, item, qty)
    move = StockMovement(kind=kind, warehouse_id=warehouse.id, item_id=item.id, quantity=qty, occurred_on=day,
                         event_id=event.id if event is not None else None, document_ref=document_ref, note=note,
                         distribution_id=distribution_id)
    session.add(move)
    session.flush()
    batch_book.take_batches(move)
    return move


def transfer(source: Warehouse, target: Warehouse, item: StockItem, quantity: Any, *,
             moved_on: dt.date | str | None = None, document_ref: str | None = None,
             today: dt.date | None = None) -> tuple[StockMovement, StockMovement]:
    if source.id == target.id:
        raise ValidationError({"target_id": N_("Gudang tujuan harus berbeda dari gudang asal.")})
    today = today or clock.today()
    qty = positive_int(quantity, "quantity")
    day = parse_date(moved_on, "moved_on") or today
    _decrease(source, item, qty)
    _increase(target.id, item.id, qty)
    tid = uuid.uuid4()
    out = StockMovement(kind="transfer_out", warehouse_id=source.id, item_id=item.id, quantity=qty, occurred_on=day,
                        counterpart_id=target.id, transfer_id=tid, document_ref=document_ref)
    session.add(out)
    session.flush()
    # The units keep their expiry: each batch taken at the source becomes a batch at the target.
    inn = None
    for _batch_id, expires_on, n in batch_book.take_batches(out):
        leg = StockMovement(kind="transfer_in", warehouse_id=target.id, item_id=item.id, quantity=n, occurred_on=day,
                            counterpart_id=source.id, transfer_id=tid, document_ref=document_ref,
                            expires_on=expires_on)
        session.add(leg)
        session.flush()
        batch_book.add_batch(leg)
        inn = inn or leg
    assert inn is not None  # qty >= 1, so at least one batch was taken
    return out, inn


def return_stock(move: StockMovement, *, note: str | None = None, today: dt.date | None = None) -> StockMovement | None:
    """Put the units of an outgoing movement back (a cancelled distribution): a ``return``
    line in the ledger, the total increased, each batch refilled with what was taken."""
    back = StockMovement(kind="return", warehouse_id=move.warehouse_id, item_id=move.item_id, quantity=move.quantity,
                         occurred_on=today or clock.today(), event_id=move.event_id,
                         distribution_id=move.distribution_id, note=note)
    session.add(back)
    session.flush()
    _increase(move.warehouse_id, move.item_id, move.quantity)
    batch_book.refill_batches(move, back)
    return back


def levels(warehouse: Warehouse | None = None, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Stock on hand per warehouse and item, with the nearest expiry among the batches left."""
    today = today or clock.today()
    stmt = (select(StockLevel.warehouse_id, StockLevel.item_id, StockLevel.quantity, Warehouse, StockItem)
            .join(Warehouse, Warehouse.id == StockLevel.warehouse_id).join(StockItem, StockItem.id == StockLevel.item_id)
            .order_by(Warehouse.name, StockItem.name))
    if warehouse is not None:
        stmt = stmt.where(StockLevel.warehouse_id == warehouse.id)
    expiry = batch_book.nearest_expiry()
    rows = []
    for wid, iid, qty, wh, item in session.execute(stmt):
        exp = expiry.get((wid, iid)) if qty > 0 else None
        status = batch_book.expiry_status(exp, today)
        rows.append({"warehouse": wh, "item": item, "quantity": qty, "expires_on": exp, "expiry": status})
    return rows


def expiry_warnings(today: dt.date | None = None) -> list[dict[str, Any]]:
    return [r for r in levels(today=today) if r["expiry"]]


def movements_stmt(warehouse: Warehouse | None = None, event: Any = None) -> Select[Any]:
    stmt = select(StockMovement).order_by(StockMovement.occurred_on.desc(), StockMovement.created_at.desc())
    if warehouse is not None:
        stmt = stmt.where(StockMovement.warehouse_id == warehouse.id)
    if event is not None:
        stmt = stmt.where(StockMovement.event_id == event.id)
    return stmt


def issued_to_event(event: Any) -> dict[uuid.UUID, int]:
    """Quantity per item that left the warehouses for this event (bulk issues + distributions,
    less what cancelled distributions returned)."""
    out: dict[uuid.UUID, int] = {}
    for item_id, kind, total in session.execute(
            select(StockMovement.item_id, StockMovement.kind, func.sum(StockMovement.quantity))
            .where(and_(StockMovement.event_id == event.id,
                        StockMovement.kind.in_(("issue", "distribution", "return"))))
            .group_by(StockMovement.item_id, StockMovement.kind)):
        out[item_id] = out.get(item_id, 0) + (-total if kind == "return" else total)
    return {k: v for k, v in out.items() if v}
