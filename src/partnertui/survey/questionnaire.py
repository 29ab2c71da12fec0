"""One respondent's questionnaire: a single HTML page that makes their response file.

The page travels as an e-mail attachment or sits in a shared folder and is opened
from disk, often on a phone, by someone who never installs anything. So it is one
file that needs nothing else: its style and script are inside it, it fetches
nothing (a content security policy says so to the browser too), and it prints as a
paper form. The person answers, presses one button, and gets a small TOML response
file to send back (see ``docs/file-format.md``, "The response file").

An anonymous round has one page for everyone: no name, no partner id, in the page or
in what it makes. It says what is kept, offers the groups (none chosen unless the
person picks one), and its script draws a random token for the response, so two
answers are told apart without telling whose they are.

Everything a person typed into the project (its name, the round's, a partner's) is
data, never markup: escaped in the page, and handed to the script as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, so no
name can close the block or become code. Pure: no files are written here.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from partnertui.guidance import INGREDIENTS, SCALE
from partnertui.model import Ingredient, Partner, Project, Round, group_choices
from partnertui.report.document import clean
from partnertui.survey.anonymity import group_label
from partnertui.survey.rounds import response_name, response_prefix

DONT_KNOW = "dont_know"
"""The value of the "Don't know" choice, as the response file's list is called."""

_PLACEHOLDER = re.compile(r"@@([A-Z]+)@@")


def _template(name: str) -> str:
    return resources.files("partnertui.survey").joinpath(name).read_text(encoding="utf-8")


def _text(value: str) -> str:
    """``value`` for the page: control characters dropped, then HTML-escaped."""
    return html.escape(clean(value), quote=True)


def _json_for_script(data: dict) -> str:
    """``data`` as JSON that cannot end its ``<script>`` block or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _question(number: int, ingredient: Ingredient) -> str:
    key = ingredient.value
    guide = INGREDIENTS[ingredient]
    options = "".join(
        f'<label class="opt"><input type="radio" name="{key}" value="{value}">'
        f'<span class="n">{value}</span><span class="w">{html.escape(word)}</span></label>'
        for value, word in SCALE.items()
    )
    options += (
        f'<label class="opt dk"><input type="radio" name="{key}" value="{DONT_KNOW}">'
        '<span class="n">?</span><span class="w">Don\'t know</span></label>'
    )
    return (
        f'<fieldset class="q" id="q-{key}" aria-describedby="d-{key}">'
        f"<legend>{number}. {html.escape(guide.label)}</legend>"
        f'<p class="desc" id="d-{key}">A strong partnership: {html.escape(guide.strong)}</p>'
        '<p class="ask">How strong is this in our partnership now?</p>'
        f'<div class="scale">{options}</div>'
        f'<label class="why" for="note-{key}">Why? '
        '<span class="hint">A few words help most beside a low score.</span></label>'
        f'<textarea id="note-{key}" name="note-{key}" rows="3"></textarea>'
        "</fieldset>"
    )


def _anonymity(back_to: str) -> str:
    """What an anonymous page promises, plainly: what is kept, and what is not."""
    return f"""<section class="anon" aria-labelledby="anon-title">
<h2 id="anon-title">Your answers are anonymous</h2>
<p>This page is the same for everyone asked, and it does not know who you are. The
response file it makes keeps your scores, your “don't know” answers, your comments and, if
you choose one, your group. It does not keep your name, and the project does not
record who sent which answer: it only counts how many came back.</p>
<p>{back_to[0].upper() + back_to[1:]} sees who sends the e-mail, but the answer is added to the
project without a name. Your comments are kept as you write them, so leave out
anything that would tell who you are.</p>
</section>"""


def _group_question(project: Project) -> str:
    """The optional group, "prefer not to say" chosen until the person picks one."""
    # A choice's value is its place in the data's list of groups, so the script
    # writes the group exactly as the project spells it, whatever characters it has.
    options = [("", "Prefer not to say")] + [
        (str(n), group_label(group)) for n, group in enumerate(group_choices(project.project))
    ]
    choices = "".join(
        f'<label class="group-opt"><input type="radio" name="group" value="{value}"'
        f"{'' if value else ' checked'}><span>{_text(label)}</span></label>"
        for value, label in options
    )
    return (
        '<fieldset class="q" id="q-group">'
        "<legend>Which best describes you? (optional)</legend>"
        '<p class="desc">The results can be shown by group once enough people in a group '
        "have answered. Leave it at “Prefer not to say” if you like.</p>"
        f'<div class="groups">{choices}</div>'
        "</fieldset>"
    )


def _body(project: Project, record: Round, partner: Partner | None, file_name: str) -> str:
    scale = ", ".join(f"{n} {word}" for n, word in SCALE.items())
    lead = project.project.lead_organization
    back_to = f"the project lead ({_text(lead)})" if lead.strip() else "the project lead"
    questions = "".join(_question(n, i) for n, i in enumerate(Ingredient, start=1))
    if partner is None:
        who = "<dt>Answered by</dt><dd>Anonymous: this page names nobody</dd>"
        questions = _group_question(project) + questions
        notice = _anonymity(back_to)
    else:
        who = f"<dt>Answered by</dt><dd>{_text(partner.name)}</dd>"
        notice = ""
    return f"""<header>
<p class="kicker">How is our partnership working?</p>
<h1>{_text(project.project.name)}</h1>
<dl class="facts">
<dt>Round</dt><dd>{_text(record.name)}</dd>
{who}
</dl>
{notice}
<div class="intro">
<p>A partnership works well when eleven ingredients are strong. For each one below,
choose how strong it is in our partnership now, from 1 to 5 ({html.escape(scale)}).
If you cannot judge one, choose <strong>Don't know</strong>. A few words on why help
the partnership most, especially beside a low score.</p>
<p class="screen-only">Nothing leaves this page by itself. When you are done, press the
button at the end: it makes a small response file for you to send back to
{back_to} by e-mail.</p>
<p class="print-only">On paper: tick one box for each ingredient, write why in the
box below it, and hand the pages back to {back_to}.</p>
</div>
</header>
<form id="questionnaire" novalidate>
{questions}
<section class="finish" aria-labelledby="finish-title">
<h2 id="finish-title">Done? Make your response file</h2>
<p>You can leave out any question. Your answers are kept in this page only until
you close it.</p>
<button type="button" id="make">Make my response file</button>
<p id="message" role="alert"></p>
<div id="result" hidden>
<p>Your browser has saved the file <strong id="file-name">{_text(file_name)}</strong>,
usually in your Downloads folder. Attach it to an e-mail to {back_to}.</p>
<p>If no file was saved (some phones and e-mail apps block downloads), copy the text
below and paste it into the e-mail instead: it is the same.</p>
<label for="response">Your response file</label>
<textarea id="response" readonly rows="14" spellcheck="false"></textarea>
<p><button type="button" id="copy" class="secondary">Copy the text</button>
<span id="copied" role="status" aria-live="polite"></span></p>
</div>
</section>
</form>"""


def build(project: Project, record: Round, partner: Partner | None = None) -> str:
    """The questionnaire ``partner`` answers for the round ``record`` of ``project``;
    for an anonymous round, the one page everyone answers (``partner`` is ``None``).

    ``record`` must carry its code: the response file repeats it, so that an answer
    meant for another project or round is refused when it comes back.
    """
    if not record.code:
        raise ValueError(f"round {record.name!r} has no code yet; record it first")
    if record.anonymous != (partner is None):
        raise ValueError("an anonymous round's page names nobody; a signed round's names one")
    data: dict = {
        "project": project.project.name,
        "round": record.name,
        "round_code": record.code,
        "ingredients": [i.value for i in Ingredient],
    }
    if partner is None:
        prefix = response_prefix(project, record.name)
        file_name = f"{prefix}anonymous-….response.toml"
        data |= {"anonymous": True, "file_prefix": prefix, "groups": group_choices(project.project)}
        title = f"{record.name}: {project.project.name} — anonymous questionnaire"
    else:
        file_name = response_name(project, record.name, partner.id)
        data |= {
            "respondent": partner.id,
            "respondent_name": partner.name,
            "file_name": file_name,
        }
        title = f"{record.name}: {project.project.name} — questionnaire for {partner.name}"
    parts = {
        "TITLE": _text(title),
        "STYLE": _template("questionnaire.css"),
        "SCRIPT": _template("questionnaire.js"),
        "DATA": _json_for_script(data),
        "BODY": _body(project, record, partner, file_name),
    }
    # One pass: text put in is never looked at again for placeholders.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _template("questionnaire.html"))
