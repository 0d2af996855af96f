"""The person page's section "DTKS/DTSEN dan bantuan sosial": the person's proposals (their own and
their household's), programme memberships, PBI-JK letters and civil documents, with the links to
propose or record (registered with ``blueprints.core.nav.register_person_section``)."""

from __future__ import annotations

from typing import Any

from flask import render_template
from markupsafe import Markup

from blueprints.core.nav import register_person_section
from blueprints.core.security import user
from service.core.access import can
from service.protection import documents, letters, programmes, proposals


def render(person: Any) -> Any:
    me = user()
    if not can(me, "protection.view", person):
        return None
    return Markup(render_template("protection/_person.html", person=person,
                                  history=proposals.person_history(person),
                                  memberships=programmes.person_memberships(person),
                                  letters=letters.person_letters(person),
                                  documents=documents.person_documents(person),
                                  doc_labels=documents.KIND_LABELS,
                                  may_edit=can(me, "protection.edit", person)))


register_person_section(40, render)
