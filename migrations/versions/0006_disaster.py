"""disaster response: events, victims, shelters, stock, aid cards, distributions, TAGANA

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 23:32:34.351603
"""

import service.core.db
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('disaster_code_sequences',
    sa.Column('prefix', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', 'year', name=op.f('pk_disaster_code_sequences'))
    )
    op.create_table('disaster_events',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('event_type', sa.String(length=30), nullable=False),
    sa.Column('category', sa.String(length=12), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('village_codes', sa.JSON(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('emergency_start', sa.Date(), nullable=True),
    sa.Column('emergency_end', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disaster_events')),
    sa.UniqueConstraint('code', name=op.f('uq_disaster_events_code'))
    )
    with op.batch_alter_table('disaster_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disaster_events_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_disaster_events_status'), ['status'], unique=False)

    op.create_table('signing_keys',
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('private_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_keys')),
    sa.UniqueConstraint('key_id', name=op.f('uq_signing_keys_key_id'))
    )
    op.create_table('warehouses',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warehouses')),
    sa.UniqueConstraint('code', name=op.f('uq_warehouses_code'))
    )
    with op.batch_alter_table('warehouses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warehouses_area_code'), ['area_code'], unique=False)

    op.create_table('psychosocial_sessions',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('facilitator', sa.String(length=200), nullable=False),
    sa.Column('activity', sa.String(length=200), nullable=False),
    sa.Column('victim_ids', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_psychosocial_sessions_event_id_disaster_events')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_psychosocial_sessions'))
    )
    with op.batch_alter_table('psychosocial_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psychosocial_sessions_event_id'), ['event_id'], unique=False)

    op.create_table('shelters',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('village_code', sa.String(length=13), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_shelters_capacity_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_shelters_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['village_code'], ['regions.code'], name=op.f('fk_shelters_village_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shelters'))
    )
    with op.batch_alter_table('shelters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shelters_event_id'), ['event_id'], unique=False)

    op.create_table('stock_items',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('is_food', sa.Boolean(), nullable=False),
    sa.Column('service_type_code', sa.String(length=60), nullable=True),
    sa.Column('guard_period', sa.String(length=10), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['service_type_code'], ['service_types.code'], name=op.f('fk_stock_items_service_type_code_service_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_items')),
    sa.UniqueConstraint('code', name=op.f('uq_stock_items_code'))
    )
    op.create_table('volunteers',
    sa.Column('member_number', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('nik', sa.String(length=16), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_volunteers_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteers')),
    sa.UniqueConstraint('member_number', name=op.f('uq_volunteers_member_number')),
    sa.UniqueConstraint('nik', name=op.f('uq_volunteers_nik')),
    sa.UniqueConstraint('user_id', name=op.f('uq_volunteers_user_id'))
    )
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteers_area_code'), ['area_code'], unique=False)

    op.create_table('deployments',
    sa.Column('volunteer_id', sa.Uuid(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('role', sa.String(length=80), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_deployments_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteers.id'], name=op.f('fk_deployments_volunteer_id_volunteers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deployments')),
    sa.UniqueConstraint('volunteer_id', 'event_id', 'started_on', name=op.f('uq_deployments_volunteer_id_event_id_started_on'))
    )
    with op.batch_alter_table('deployments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deployments_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deployments_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('kitchen_days',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('shelter_id', sa.Uuid(), nullable=False),
    sa.Column('served_on', sa.Date(), nullable=False),
    sa.Column('meals_served', sa.Integer(), nullable=False),
    sa.Column('victim_ids', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint('meals_served >= 0', name=op.f('ck_kitchen_days_meals_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_kitchen_days_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['shelter_id'], ['shelters.id'], name=op.f('fk_kitchen_days_shelter_id_shelters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kitchen_days')),
    sa.UniqueConstraint('event_id', 'shelter_id', 'served_on', name=op.f('uq_kitchen_days_event_id_shelter_id_served_on'))
    )
    with op.batch_alter_table('kitchen_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kitchen_days_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kitchen_days_shelter_id'), ['shelter_id'], unique=False)

    op.create_table('stock_levels',
    sa.Column('warehouse_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity >= 0', name=op.f('ck_stock_levels_quantity_not_negative')),
    sa.ForeignKeyConstraint(['item_id'], ['stock_items.id'], name=op.f('fk_stock_levels_item_id_stock_items')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stock_levels_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('warehouse_id', 'item_id', name=op.f('pk_stock_levels'))
    )
    op.create_table('stock_movements',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('warehouse_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=True),
    sa.Column('document_ref', sa.String(length=120), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('counterpart_id', sa.Uuid(), nullable=True),
    sa.Column('transfer_id', sa.Uuid(), nullable=True),
    sa.Column('distribution_id', sa.Uuid(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_stock_movements_quantity_positive')),
    sa.ForeignKeyConstraint(['counterpart_id'], ['warehouses.id'], name=op.f('fk_stock_movements_counterpart_id_warehouses')),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_stock_movements_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['item_id'], ['stock_items.id'], name=op.f('fk_stock_movements_item_id_stock_items')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_stock_movements_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movements'))
    )
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_movements_distribution_id'), ['distribution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_movements_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('victim_households',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('head_person_id', sa.Uuid(), nullable=False),
    sa.Column('village_code', sa.String(length=13), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('damage_level', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_victim_households_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['head_person_id'], ['persons.id'], name=op.f('fk_victim_households_head_person_id_persons')),
    sa.ForeignKeyConstraint(['village_code'], ['regions.code'], name=op.f('fk_victim_households_village_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_victim_households')),
    sa.UniqueConstraint('event_id', 'head_person_id', name=op.f('uq_victim_households_event_id_head_person_id'))
    )
    with op.batch_alter_table('victim_households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_victim_households_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_victim_households_event_id'), ['event_id'], unique=False)

    op.create_table('volunteer_trainings',
    sa.Column('volunteer_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('certificate_no', sa.String(length=80), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteers.id'], name=op.f('fk_volunteer_trainings_volunteer_id_volunteers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_volunteer_trainings'))
    )
    with op.batch_alter_table('volunteer_trainings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_trainings_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('victims',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('relationship_code', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('vulnerable_groups', sa.JSON(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('assessment_id', sa.Uuid(), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_victims_assessment_id_assessments')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_victims_case_id_cases')),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_victims_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['household_id'], ['victim_households.id'], name=op.f('fk_victims_household_id_victim_households')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_victims_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_victims')),
    sa.UniqueConstraint('event_id', 'person_id', name=op.f('uq_victims_event_id_person_id'))
    )
    with op.batch_alter_table('victims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_victims_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_victims_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_victims_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_victims_status'), ['status'], unique=False)

    op.create_table('aid_cards',
    sa.Column('serial', sa.String(length=30), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('victim_id', sa.Uuid(), nullable=True),
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('token', sa.Text(), nullable=False),
    sa.Column('issued_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.Column('replaced_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_aid_cards_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['household_id'], ['victim_households.id'], name=op.f('fk_aid_cards_household_id_victim_households')),
    sa.ForeignKeyConstraint(['replaced_by_id'], ['aid_cards.id'], name=op.f('fk_aid_cards_replaced_by_id_aid_cards')),
    sa.ForeignKeyConstraint(['victim_id'], ['victims.id'], name=op.f('fk_aid_cards_victim_id_victims')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aid_cards')),
    sa.UniqueConstraint('serial', name=op.f('uq_aid_cards_serial'))
    )
    with op.batch_alter_table('aid_cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_cards_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_cards_household_id'), ['household_id'], unique=False)
        batch_op.create_index('uq_aid_cards_household_only_valid', ['household_id'], unique=True, sqlite_where=sa.text('revoked_at IS NULL AND victim_id IS NULL'), postgresql_where=sa.text('revoked_at IS NULL AND victim_id IS NULL'))
        batch_op.create_index('uq_aid_cards_household_valid', ['household_id', 'victim_id'], unique=True, sqlite_where=sa.text('revoked_at IS NULL AND victim_id IS NOT NULL'), postgresql_where=sa.text('revoked_at IS NULL AND victim_id IS NOT NULL'))

    op.create_table('compensations',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('victim_id', sa.Uuid(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('recipient_relationship', sa.String(length=60), nullable=False),
    sa.Column('recipient_nik', sa.String(length=16), nullable=True),
    sa.Column('document_ref', sa.String(length=120), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint('amount > 0', name=op.f('ck_compensations_amount_positive')),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_compensations_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['victim_id'], ['victims.id'], name=op.f('fk_compensations_victim_id_victims')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_compensations')),
    sa.UniqueConstraint('victim_id', name=op.f('uq_compensations_victim_id'))
    )
    with op.batch_alter_table('compensations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_compensations_event_id'), ['event_id'], unique=False)

    op.create_table('shelter_stays',
    sa.Column('shelter_id', sa.Uuid(), nullable=False),
    sa.Column('victim_id', sa.Uuid(), nullable=False),
    sa.Column('checked_in_on', sa.Date(), nullable=False),
    sa.Column('checked_out_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['shelter_id'], ['shelters.id'], name=op.f('fk_shelter_stays_shelter_id_shelters')),
    sa.ForeignKeyConstraint(['victim_id'], ['victims.id'], name=op.f('fk_shelter_stays_victim_id_victims')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shelter_stays'))
    )
    with op.batch_alter_table('shelter_stays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shelter_stays_shelter_id'), ['shelter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shelter_stays_victim_id'), ['victim_id'], unique=False)
        batch_op.create_index('uq_shelter_stays_open', ['victim_id'], unique=True, sqlite_where=sa.text('checked_out_on IS NULL'), postgresql_where=sa.text('checked_out_on IS NULL'))

    op.create_table('special_handlings',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('victim_id', sa.Uuid(), nullable=False),
    sa.Column('handled_on', sa.Date(), nullable=False),
    sa.Column('group', sa.String(length=30), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_special_handlings_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['victim_id'], ['victims.id'], name=op.f('fk_special_handlings_victim_id_victims')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_special_handlings'))
    )
    with op.batch_alter_table('special_handlings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_special_handlings_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_special_handlings_victim_id'), ['victim_id'], unique=False)

    op.create_table('distributions',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('victim_id', sa.Uuid(), nullable=True),
    sa.Column('card_id', sa.Uuid(), nullable=True),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('warehouse_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('distributed_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('distributed_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('volunteer_user_id', sa.Uuid(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('external_key', sa.String(length=64), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_distributions_quantity_positive')),
    sa.ForeignKeyConstraint(['card_id'], ['aid_cards.id'], name=op.f('fk_distributions_card_id_aid_cards')),
    sa.ForeignKeyConstraint(['event_id'], ['disaster_events.id'], name=op.f('fk_distributions_event_id_disaster_events')),
    sa.ForeignKeyConstraint(['household_id'], ['victim_households.id'], name=op.f('fk_distributions_household_id_victim_households')),
    sa.ForeignKeyConstraint(['item_id'], ['stock_items.id'], name=op.f('fk_distributions_item_id_stock_items')),
    sa.ForeignKeyConstraint(['victim_id'], ['victims.id'], name=op.f('fk_distributions_victim_id_victims')),
    sa.ForeignKeyConstraint(['volunteer_user_id'], ['users.id'], name=op.f('fk_distributions_volunteer_user_id_users')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_distributions_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_distributions')),
    sa.UniqueConstraint('external_key', name=op.f('uq_distributions_external_key'))
    )
    with op.batch_alter_table('distributions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_distributions_event_id'), ['event_id'], unique=False)
        batch_op.create_index('ix_distributions_guard', ['event_id', 'household_id', 'item_id', 'distributed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_distributions_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_distributions_item_id'), ['item_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('distributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_distributions_item_id'))
        batch_op.drop_index(batch_op.f('ix_distributions_household_id'))
        batch_op.drop_index('ix_distributions_guard')
        batch_op.drop_index(batch_op.f('ix_distributions_event_id'))

    op.drop_table('distributions')
    with op.batch_alter_table('special_handlings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_special_handlings_victim_id'))
        batch_op.drop_index(batch_op.f('ix_special_handlings_event_id'))

    op.drop_table('special_handlings')
    with op.batch_alter_table('shelter_stays', schema=None) as batch_op:
        batch_op.drop_index('uq_shelter_stays_open', sqlite_where=sa.text('checked_out_on IS NULL'), postgresql_where=sa.text('checked_out_on IS NULL'))
        batch_op.drop_index(batch_op.f('ix_shelter_stays_victim_id'))
        batch_op.drop_index(batch_op.f('ix_shelter_stays_shelter_id'))

    op.drop_table('shelter_stays')
    with op.batch_alter_table('compensations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_compensations_event_id'))

    op.drop_table('compensations')
    with op.batch_alter_table('aid_cards', schema=None) as batch_op:
        batch_op.drop_index('uq_aid_cards_household_valid', sqlite_where=sa.text('revoked_at IS NULL AND victim_id IS NOT NULL'), postgresql_where=sa.text('revoked_at IS NULL AND victim_id IS NOT NULL'))
        batch_op.drop_index('uq_aid_cards_household_only_valid', sqlite_where=sa.text('revoked_at IS NULL AND victim_id IS NULL'), postgresql_where=sa.text('revoked_at IS NULL AND victim_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_aid_cards_household_id'))
        batch_op.drop_index(batch_op.f('ix_aid_cards_event_id'))

    op.drop_table('aid_cards')
    with op.batch_alter_table('victims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_victims_status'))
        batch_op.drop_index(batch_op.f('ix_victims_person_id'))
        batch_op.drop_index(batch_op.f('ix_victims_household_id'))
        batch_op.drop_index(batch_op.f('ix_victims_event_id'))

    op.drop_table('victims')
    with op.batch_alter_table('volunteer_trainings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_trainings_volunteer_id'))

    op.drop_table('volunteer_trainings')
    with op.batch_alter_table('victim_households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_victim_households_event_id'))
        batch_op.drop_index(batch_op.f('ix_victim_households_area_code'))

    op.drop_table('victim_households')
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_movements_warehouse_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_kind'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_item_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_event_id'))
        batch_op.drop_index(batch_op.f('ix_stock_movements_distribution_id'))

    op.drop_table('stock_movements')
    op.drop_table('stock_levels')
    with op.batch_alter_table('kitchen_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kitchen_days_shelter_id'))
        batch_op.drop_index(batch_op.f('ix_kitchen_days_event_id'))

    op.drop_table('kitchen_days')
    with op.batch_alter_table('deployments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deployments_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_deployments_event_id'))

    op.drop_table('deployments')
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteers_area_code'))

    op.drop_table('volunteers')
    op.drop_table('stock_items')
    with op.batch_alter_table('shelters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shelters_event_id'))

    op.drop_table('shelters')
    with op.batch_alter_table('psychosocial_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psychosocial_sessions_event_id'))

    op.drop_table('psychosocial_sessions')
    with op.batch_alter_table('warehouses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warehouses_area_code'))

    op.drop_table('warehouses')
    op.drop_table('signing_keys')
    with op.batch_alter_table('disaster_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disaster_events_status'))
        batch_op.drop_index(batch_op.f('ix_disaster_events_area_code'))

    op.drop_table('disaster_events')
    op.drop_table('disaster_code_sequences')
