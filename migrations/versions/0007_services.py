"""services and follow-through

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 23:32:11.261508
"""

import service.core.db
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('institutions',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('region_code', sa.String(length=13), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('contact_person', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institutions'))
    )
    with op.batch_alter_table('institutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_institutions_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_institutions_region_code'), ['region_code'], unique=False)

    op.create_table('placements',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('setting', sa.String(length=20), nullable=False),
    sa.Column('institution_id', sa.Uuid(), nullable=True),
    sa.Column('date_in', sa.Date(), nullable=False),
    sa.Column('date_out', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('is_sensitive', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_placements_case_id_cases')),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_placements_institution_id_institutions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placements'))
    )
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placements_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_placements_case_id'), ['case_id'], unique=False)

    op.create_table('reminders',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('seen_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_reminders_case_id_cases')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminders_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
    sa.UniqueConstraint('user_id', 'kind', 'subject_id', name=op.f('uq_reminders_user_id_kind_subject_id'))
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index('ix_reminders_user_seen', ['user_id', 'seen_at'], unique=False)

    op.create_table('tracings',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('status_changed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('is_sensitive', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_tracings_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracings')),
    sa.UniqueConstraint('case_id', name=op.f('uq_tracings_case_id'))
    )
    with op.batch_alter_table('tracings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracings_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracings_status'), ['status'], unique=False)

    op.create_table('family_contacts',
    sa.Column('tracing_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('relationship_to_person', sa.String(length=60), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('region_code', sa.String(length=13), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['tracing_id'], ['tracings.id'], name=op.f('fk_family_contacts_tracing_id_tracings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_contacts'))
    )
    with op.batch_alter_table('family_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_contacts_tracing_id'), ['tracing_id'], unique=False)

    op.create_table('referrals',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('institution_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('consent_checked', sa.Boolean(), nullable=False),
    sa.Column('letter_number', sa.String(length=80), nullable=True),
    sa.Column('letter_date', sa.Date(), nullable=True),
    sa.Column('verify_code', sa.String(length=40), nullable=True),
    sa.Column('sent_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('token_expires_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('token_used_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_at', service.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.String(length=200), nullable=True),
    sa.Column('answer_channel', sa.String(length=10), nullable=True),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('delivery_id', sa.Uuid(), nullable=True),
    sa.Column('letter_pdf', sa.LargeBinary(), nullable=True),
    sa.Column('created_by_worker_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('is_sensitive', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_referrals_case_id_cases')),
    sa.ForeignKeyConstraint(['created_by_worker_id'], ['users.id'], name=op.f('fk_referrals_created_by_worker_id_users')),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], name=op.f('fk_referrals_delivery_id_deliveries')),
    sa.ForeignKeyConstraint(['institution_id'], ['institutions.id'], name=op.f('fk_referrals_institution_id_institutions')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_referrals_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('letter_number', name=op.f('uq_referrals_letter_number')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_referrals_token_hash')),
    sa.UniqueConstraint('verify_code', name=op.f('uq_referrals_verify_code'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_status'), ['status'], unique=False)

    op.create_table('return_homes',
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('origin_region_code', sa.String(length=13), nullable=False),
    sa.Column('destination_region_code', sa.String(length=13), nullable=False),
    sa.Column('destination_address', sa.Text(), nullable=True),
    sa.Column('transport', sa.String(length=120), nullable=False),
    sa.Column('cost', sa.Integer(), nullable=True),
    sa.Column('escort', sa.String(length=200), nullable=True),
    sa.Column('travel_on', sa.Date(), nullable=False),
    sa.Column('handed_over_on', sa.Date(), nullable=True),
    sa.Column('receiver_name', sa.String(length=200), nullable=True),
    sa.Column('receiver_role', sa.String(length=20), nullable=True),
    sa.Column('receiver_relationship', sa.String(length=60), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('delivery_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('is_sensitive', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_return_homes_case_id_cases')),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], name=op.f('fk_return_homes_delivery_id_deliveries')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_return_homes_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_homes'))
    )
    with op.batch_alter_table('return_homes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_homes_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_homes_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_return_homes_person_id'), ['person_id'], unique=False)

    op.create_table('reunifications',
    sa.Column('tracing_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('reunified_on', sa.Date(), nullable=False),
    sa.Column('relative_name', sa.String(length=200), nullable=False),
    sa.Column('relationship_to_person', sa.String(length=60), nullable=False),
    sa.Column('place', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('delivery_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('is_sensitive', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_reunifications_case_id_cases')),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], name=op.f('fk_reunifications_delivery_id_deliveries')),
    sa.ForeignKeyConstraint(['tracing_id'], ['tracings.id'], name=op.f('fk_reunifications_tracing_id_tracings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reunifications')),
    sa.UniqueConstraint('tracing_id', name=op.f('uq_reunifications_tracing_id'))
    )
    with op.batch_alter_table('reunifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reunifications_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_reunifications_case_id'), ['case_id'], unique=False)

    op.create_table('tracing_attempts',
    sa.Column('tracing_id', sa.Uuid(), nullable=False),
    sa.Column('attempted_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_tracing_attempts_by_id_users')),
    sa.ForeignKeyConstraint(['tracing_id'], ['tracings.id'], name=op.f('fk_tracing_attempts_tracing_id_tracings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracing_attempts'))
    )
    with op.batch_alter_table('tracing_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracing_attempts_tracing_id'), ['tracing_id'], unique=False)

    op.create_table('followup_visits',
    sa.Column('reunification_id', sa.Uuid(), nullable=False),
    sa.Column('case_id', sa.Uuid(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('area_code', sa.String(length=13), nullable=False),
    sa.Column('is_sensitive', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_followup_visits_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_followup_visits_case_id_cases')),
    sa.ForeignKeyConstraint(['reunification_id'], ['reunifications.id'], name=op.f('fk_followup_visits_reunification_id_reunifications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup_visits')),
    sa.UniqueConstraint('reunification_id', 'months', name=op.f('uq_followup_visits_reunification_id_months'))
    )
    with op.batch_alter_table('followup_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followup_visits_area_code'), ['area_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_visits_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_visits_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_visits_reunification_id'), ['reunification_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('followup_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followup_visits_reunification_id'))
        batch_op.drop_index(batch_op.f('ix_followup_visits_due_on'))
        batch_op.drop_index(batch_op.f('ix_followup_visits_case_id'))
        batch_op.drop_index(batch_op.f('ix_followup_visits_area_code'))

    op.drop_table('followup_visits')
    with op.batch_alter_table('tracing_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracing_attempts_tracing_id'))

    op.drop_table('tracing_attempts')
    with op.batch_alter_table('reunifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reunifications_case_id'))
        batch_op.drop_index(batch_op.f('ix_reunifications_area_code'))

    op.drop_table('reunifications')
    with op.batch_alter_table('return_homes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_return_homes_person_id'))
        batch_op.drop_index(batch_op.f('ix_return_homes_case_id'))
        batch_op.drop_index(batch_op.f('ix_return_homes_area_code'))

    op.drop_table('return_homes')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_status'))
        batch_op.drop_index(batch_op.f('ix_referrals_sent_at'))
        batch_op.drop_index(batch_op.f('ix_referrals_person_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_institution_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_case_id'))
        batch_op.drop_index(batch_op.f('ix_referrals_area_code'))

    op.drop_table('referrals')
    with op.batch_alter_table('family_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_contacts_tracing_id'))

    op.drop_table('family_contacts')
    with op.batch_alter_table('tracings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracings_status'))
        batch_op.drop_index(batch_op.f('ix_tracings_area_code'))

    op.drop_table('tracings')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_reminders_user_seen')

    op.drop_table('reminders')
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_placements_case_id'))
        batch_op.drop_index(batch_op.f('ix_placements_area_code'))

    op.drop_table('placements')
    with op.batch_alter_table('institutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_institutions_region_code'))
        batch_op.drop_index(batch_op.f('ix_institutions_name'))

    op.drop_table('institutions')
