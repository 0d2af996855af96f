"""core domain: persons, households, cases, assessments, deliveries, month closes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 23:23:45.570257
"""

import service.core.db
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_number_sequences',
    sa.Column('prefix', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', 'year', name=op.f('pk_case_number_sequences'))
    )
    op.create_table('case_transition_rules',
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('needs_reason', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('from_status', 'to_status', name=op.f('pk_case_transition_rules'))
    )
    op.create_table('households',
    sa.Column('kk_number', sa.String(length=16), nullable=True),
    sa.Column('village_code', sa.String(length=13), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['village_code'], ['regions.code'], name=op.f('fk_households_village_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households')),
    sa.UniqueConstraint('kk_number', name=op.f('uq_households_kk_number'))
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_households_village_code'), ['village_code'], unique=False)

    op.create_table('month_closes',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_by_id', sa.Uuid(), nullable=True),
    sa.Column('closed_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reopened_by_id', sa.Uuid(), nullable=True),
    sa.Column('reopened_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_month_closes_closed_by_id_users')),
    sa.ForeignKeyConstraint(['reopened_by_id'], ['users.id'], name=op.f('fk_month_closes_reopened_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_month_closes')),
    sa.UniqueConstraint('year', 'month', name=op.f('uq_month_closes_year_month'))
    )
    op.create_table('persons',
    sa.Column('nik', sa.String(length=16), nullable=True),
    sa.Column('no_nik_reason', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_date_estimated', sa.Boolean(), nullable=False),
    sa.Column('birth_place', sa.String(length=120), nullable=True),
    sa.Column('village_code', sa.String(length=13), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('photo_path', sa.String(length=200), nullable=True),
    sa.Column('disability_types', sa.JSON(), nullable=False),
    sa.Column('nik_warnings', sa.JSON(), nullable=False),
    sa.Column('deceased_on', sa.Date(), nullable=True),
    sa.Column('merged_into_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['persons.id'], name=op.f('fk_persons_merged_into_id_persons')),
    sa.ForeignKeyConstraint(['village_code'], ['regions.code'], name=op.f('fk_persons_village_code_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons')),
    sa.UniqueConstraint('nik', name=op.f('uq_persons_nik'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_area_code'), ['area_code'], unique=False)
        batch_op.create_index('ix_persons_dedup', ['name_key', 'birth_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_village_code'), ['village_code'], unique=False)

    op.create_table('cases',
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('category_code', sa.String(length=60), nullable=False),
    sa.Column('is_sensitive', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('intake_source', sa.String(length=30), nullable=False),
    sa.Column('intake_date', sa.Date(), nullable=False),
    sa.Column('found_place', sa.Text(), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('urgency', sa.String(length=12), nullable=False),
    sa.Column('consent_given', sa.Boolean(), nullable=False),
    sa.Column('consent_by', sa.String(length=200), nullable=True),
    sa.Column('consent_note', sa.Text(), nullable=True),
    sa.Column('worker_id', sa.Uuid(), nullable=True),
    sa.Column('in_institution', sa.Boolean(), nullable=False),
    sa.Column('disaster_event_id', sa.Uuid(), nullable=True),
    sa.Column('close_reason', sa.String(length=30), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('last_activity_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_code'], ['ppks_categories.code'], name=op.f('fk_cases_category_code_ppks_categories')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_cases_person_id_persons')),
    sa.ForeignKeyConstraint(['worker_id'], ['users.id'], name=op.f('fk_cases_worker_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('number', name=op.f('uq_cases_number'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_category_code'), ['category_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_disaster_event_id'), ['disaster_event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_is_sensitive'), ['is_sensitive'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_last_activity_at'), ['last_activity_at'], unique=False)
        batch_op.create_index('ix_cases_person_category_status', ['person_id', 'category_code', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_worker_id'), ['worker_id'], unique=False)

    op.create_table('dtks_snapshots',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('decile', sa.Integer(), nullable=True),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_dtks_snapshots_person_id_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dtks_snapshots'))
    )
    with op.batch_alter_table('dtks_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dtks_snapshots_person_id'), ['person_id'], unique=False)

    op.create_table('duplicate_decisions',
    sa.Column('person_a_id', sa.Uuid(), nullable=False),
    sa.Column('person_b_id', sa.Uuid(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('decided_by_id', sa.Uuid(), nullable=True),
    sa.Column('decided_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_duplicate_decisions_decided_by_id_users')),
    sa.ForeignKeyConstraint(['person_a_id'], ['persons.id'], name=op.f('fk_duplicate_decisions_person_a_id_persons')),
    sa.ForeignKeyConstraint(['person_b_id'], ['persons.id'], name=op.f('fk_duplicate_decisions_person_b_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duplicate_decisions')),
    sa.UniqueConstraint('person_a_id', 'person_b_id', name=op.f('uq_duplicate_decisions_person_a_id_person_b_id'))
    )
    op.create_table('household_members',
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('relationship_code', sa.String(length=30), nullable=False),
    sa.Column('is_head', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_household_members_household_id_households'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_household_members_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household_members')),
    sa.UniqueConstraint('household_id', 'person_id', name=op.f('uq_household_members_household_id_person_id'))
    )
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_members_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_household_members_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_household_members_head', ['household_id'], unique=True, sqlite_where=sa.text('is_head'), postgresql_where=sa.text('is_head'))

    op.create_table('person_merges',
    sa.Column('survivor_id', sa.Uuid(), nullable=False),
    sa.Column('merged_id', sa.Uuid(), nullable=False),
    sa.Column('merged_by_id', sa.Uuid(), nullable=True),
    sa.Column('merged_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('moved', sa.JSON(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['merged_by_id'], ['users.id'], name=op.f('fk_person_merges_merged_by_id_users')),
    sa.ForeignKeyConstraint(['merged_id'], ['persons.id'], name=op.f('fk_person_merges_merged_id_persons')),
    sa.ForeignKeyConstraint(['survivor_id'], ['persons.id'], name=op.f('fk_person_merges_survivor_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_merges'))
    )
    with op.batch_alter_table('person_merges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_merges_merged_id'), ['merged_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_merges_survivor_id'), ['survivor_id'], unique=False)

    op.create_table('assessments',
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('category_code', sa.String(length=60), nullable=False),
    sa.Column('basic_service_code', sa.String(length=40), nullable=True),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('assessor_id', sa.Uuid(), nullable=True),
    sa.Column('neglected', sa.Boolean(), nullable=False),
    sa.Column('outside_institution', sa.Boolean(), nullable=False),
    sa.Column('eligible', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('approved_by_id', sa.Uuid(), nullable=True),
    sa.Column('approved_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('approval_comment', sa.Text(), nullable=True),
    sa.Column('supersedes_id', sa.Uuid(), nullable=True),
    sa.Column('disaster_event_id', sa.Uuid(), nullable=True),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('external_key', sa.String(length=64), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_assessments_approved_by_id_users')),
    sa.ForeignKeyConstraint(['assessor_id'], ['users.id'], name=op.f('fk_assessments_assessor_id_users')),
    sa.ForeignKeyConstraint(['basic_service_code'], ['basic_services.code'], name=op.f('fk_assessments_basic_service_code_basic_services')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assessments_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['category_code'], ['ppks_categories.code'], name=op.f('fk_assessments_category_code_ppks_categories')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_assessments_person_id_persons')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['assessments.id'], name=op.f('fk_assessments_supersedes_id_assessments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    sa.UniqueConstraint('external_key', name=op.f('uq_assessments_external_key'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_disaster_event_id'), ['disaster_event_id'], unique=False)
        batch_op.create_index('ix_assessments_person_date', ['person_id', 'assessed_on'], unique=False)
        batch_op.create_index('ix_assessments_spm', ['basic_service_code', 'assessed_on'], unique=False)

    op.create_table('case_approvals',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Uuid(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('requested_by_id', sa.Uuid(), nullable=True),
    sa.Column('requested_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Uuid(), nullable=True),
    sa.Column('decided_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_approvals_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_case_approvals_decided_by_id_users')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_case_approvals_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_approvals'))
    )
    with op.batch_alter_table('case_approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_approvals_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_approvals_status'), ['status'], unique=False)

    op.create_table('case_plan_items',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('service_type_code', sa.String(length=60), nullable=False),
    sa.Column('responsible_id', sa.Uuid(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('delivery_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_plan_items_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsible_id'], ['users.id'], name=op.f('fk_case_plan_items_responsible_id_users')),
    sa.ForeignKeyConstraint(['service_type_code'], ['service_types.code'], name=op.f('fk_case_plan_items_service_type_code_service_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_plan_items')),
    sa.UniqueConstraint('case_id', 'service_type_code', 'due_on', name=op.f('uq_case_plan_items_case_id_service_type_code_due_on'))
    )
    with op.batch_alter_table('case_plan_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_plan_items_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_plan_items_responsible_id'), ['responsible_id'], unique=False)

    op.create_table('deliveries',
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('service_type_code', sa.String(length=60), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('delivered_on', sa.Date(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('item_detail', sa.Text(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('worker_id', sa.Uuid(), nullable=True),
    sa.Column('cost', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('attachment_path', sa.String(length=200), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('voided_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('voided_by_id', sa.Uuid(), nullable=True),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('disaster_event_id', sa.Uuid(), nullable=True),
    sa.Column('external_key', sa.String(length=64), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_deliveries_case_id_cases')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_deliveries_person_id_persons')),
    sa.ForeignKeyConstraint(['service_type_code'], ['service_types.code'], name=op.f('fk_deliveries_service_type_code_service_types')),
    sa.ForeignKeyConstraint(['voided_by_id'], ['users.id'], name=op.f('fk_deliveries_voided_by_id_users')),
    sa.ForeignKeyConstraint(['worker_id'], ['users.id'], name=op.f('fk_deliveries_worker_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('external_key', name=op.f('uq_deliveries_external_key'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliveries_disaster_event_id'), ['disaster_event_id'], unique=False)
        batch_op.create_index('ix_deliveries_person_date', ['person_id', 'delivered_on'], unique=False)
        batch_op.create_index('ix_deliveries_type_date', ['service_type_code', 'delivered_on'], unique=False)

    op.create_table('assessment_needs',
    sa.Column('assessment_id', sa.Uuid(), nullable=False),
    sa.Column('service_type_code', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_assessment_needs_assessment_id_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_type_code'], ['service_types.code'], name=op.f('fk_assessment_needs_service_type_code_service_types')),
    sa.PrimaryKeyConstraint('assessment_id', 'service_type_code', name=op.f('pk_assessment_needs'))
    )
    op.create_table('case_transitions',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('approval_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['approval_id'], ['case_approvals.id'], name=op.f('fk_case_transitions_approval_id_case_approvals')),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_case_transitions_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_transitions_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_transitions'))
    )
    with op.batch_alter_table('case_transitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_transitions_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('case_transitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_transitions_case_id'))

    op.drop_table('case_transitions')
    op.drop_table('assessment_needs')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_type_date')
        batch_op.drop_index('ix_deliveries_person_date')
        batch_op.drop_index(batch_op.f('ix_deliveries_disaster_event_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_case_id'))
        batch_op.drop_index(batch_op.f('ix_deliveries_area_code'))

    op.drop_table('deliveries')
    with op.batch_alter_table('case_plan_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_plan_items_responsible_id'))
        batch_op.drop_index(batch_op.f('ix_case_plan_items_case_id'))

    op.drop_table('case_plan_items')
    with op.batch_alter_table('case_approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_approvals_status'))
        batch_op.drop_index(batch_op.f('ix_case_approvals_case_id'))

    op.drop_table('case_approvals')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index('ix_assessments_spm')
        batch_op.drop_index('ix_assessments_person_date')
        batch_op.drop_index(batch_op.f('ix_assessments_disaster_event_id'))
        batch_op.drop_index(batch_op.f('ix_assessments_case_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('person_merges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_merges_survivor_id'))
        batch_op.drop_index(batch_op.f('ix_person_merges_merged_id'))

    op.drop_table('person_merges')
    with op.batch_alter_table('household_members', schema=None) as batch_op:
        batch_op.drop_index('uq_household_members_head', sqlite_where=sa.text('is_head'), postgresql_where=sa.text('is_head'))
        batch_op.drop_index(batch_op.f('ix_household_members_person_id'))
        batch_op.drop_index(batch_op.f('ix_household_members_household_id'))

    op.drop_table('household_members')
    op.drop_table('duplicate_decisions')
    with op.batch_alter_table('dtks_snapshots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dtks_snapshots_person_id'))

    op.drop_table('dtks_snapshots')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_worker_id'))
        batch_op.drop_index(batch_op.f('ix_cases_status'))
        batch_op.drop_index(batch_op.f('ix_cases_person_id'))
        batch_op.drop_index('ix_cases_person_category_status')
        batch_op.drop_index(batch_op.f('ix_cases_last_activity_at'))
        batch_op.drop_index(batch_op.f('ix_cases_is_sensitive'))
        batch_op.drop_index(batch_op.f('ix_cases_disaster_event_id'))
        batch_op.drop_index(batch_op.f('ix_cases_category_code'))
        batch_op.drop_index(batch_op.f('ix_cases_area_code'))

    op.drop_table('cases')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_village_code'))
        batch_op.drop_index(batch_op.f('ix_persons_name_key'))
        batch_op.drop_index(batch_op.f('ix_persons_merged_into_id'))
        batch_op.drop_index('ix_persons_dedup')
        batch_op.drop_index(batch_op.f('ix_persons_area_code'))

    op.drop_table('persons')
    op.drop_table('month_closes')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_households_village_code'))
        batch_op.drop_index(batch_op.f('ix_households_area_code'))

    op.drop_table('households')
    op.drop_table('case_transition_rules')
    op.drop_table('case_number_sequences')
