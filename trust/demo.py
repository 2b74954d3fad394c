"""Demo content: the feedback forms under "Barrierefreiheit" and "Kontakt", and a link to the first one."""

from ikpe_site.core.demo_tools import get_or_create_page

from .models import FeedbackFormField, FeedbackFormPage

ADDRESS = "webseite@ikpe-erfurt.de"


def form_fields(*specs):
    return [FeedbackFormField(label=label, field_type=field_type, required=required, help_text=help_text,
                              sort_order=number)
            for number, (label, field_type, required, help_text) in enumerate(specs)]


def load(ctx):
    home = ctx["home"]
    accessibility = home.get_children().filter(slug="barrierefreiheit").first()
    if accessibility is not None:
        accessibility = accessibility.specific
        form, _ = get_or_create_page(
            accessibility, FeedbackFormPage, "rueckmeldung", title="Barriere melden",
            teaser="Ist Ihnen auf unserer Website eine Barriere begegnet? Sagen Sie es uns – wir antworten "
                   "innerhalb von sechs Wochen.",
            intro="<p>Sie sind auf eine Barriere gestoßen, etwa einen Text, den Ihr Screenreader nicht vorliest, "
                  "oder eine Seite, die sich nicht mit der Tastatur bedienen lässt? Beschreiben Sie uns kurz, was "
                  "nicht funktioniert hat. Name und E-Mail-Adresse sind freiwillig; ohne sie können wir Ihnen aber "
                  "nicht antworten.</p>",
            thank_you_text="<p>Vielen Dank! Ihre Nachricht ist bei uns angekommen. Wir prüfen den Hinweis und "
                           "melden uns innerhalb von sechs Wochen, wenn Sie uns eine E-Mail-Adresse genannt "
                           "haben.</p>",
            submit_label="Barriere melden", to_address=ADDRESS, subject="Barriere gemeldet (Website)",
            form_fields=form_fields(
                ("Ihr Name", "singleline", False, ""),
                ("Ihre E-Mail-Adresse", "email", False, "Nur für Rückfragen und unsere Antwort."),
                ("Auf welcher Seite?", "singleline", False, "Adresse oder Titel der Seite, z. B. „Aktuelles“."),
                ("Was hat nicht funktioniert?", "multiline", True, ""),
            ),
        )
        add_call_to_action(accessibility, form)
        ctx["accessibility_feedback"] = form

    contact = ctx.get("contact") or home.get_children().filter(slug="kontakt").first()
    if contact is not None:
        ctx["contact_form"], _ = get_or_create_page(
            contact, FeedbackFormPage, "nachricht", title="Nachricht an das IKPE",
            teaser="Schreiben Sie uns direkt über die Website – wir leiten Ihre Nachricht an die zuständige "
                   "Person weiter.",
            intro="<p>Schreiben Sie uns: Wir leiten Ihre Nachricht an die zuständige Ansprechperson weiter und "
                  "antworten Ihnen per E-Mail.</p>",
            thank_you_text="<p>Vielen Dank für Ihre Nachricht! Wir melden uns so bald wie möglich bei Ihnen.</p>",
            submit_label="Nachricht senden", to_address=ADDRESS, subject="Nachricht über die Website",
            form_fields=form_fields(
                ("Ihr Name", "singleline", True, ""),
                ("Ihre E-Mail-Adresse", "email", True, "Damit wir Ihnen antworten können."),
                ("Betreff", "singleline", False, ""),
                ("Ihre Nachricht", "multiline", True, ""),
            ),
        )
    return ctx


def add_call_to_action(page, form):
    """Link the form from the body of its parent page, once (a new revision, published)."""
    for block in page.body:
        if block.block_type == "call_to_action" and block.value.get("page") and block.value["page"].pk == form.pk:
            return
    page.body.append(("call_to_action", {
        "title": "Barriere gefunden?",
        "text": "Melden Sie uns Mängel bei der Barrierefreiheit über unser Formular – gern auch ohne Namen.",
        "label": "Barriere melden",
        "page": form,
        "external_url": "",
    }))
    page.save_revision().publish()
