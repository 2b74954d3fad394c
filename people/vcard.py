"""vCard 4.0 (RFC 6350) for a person page, written by hand: a dozen lines need no extra dependency."""

import re


def escape(text):
    """Escape a text value (RFC 6350, 3.4): backslash, comma, semicolon and line breaks."""
    text = (text or "").replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", "\\\\n", text)


def fold(line):
    """Fold a content line at 75 octets (RFC 6350, 3.2) without splitting a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        length = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # continuation lines start with a space
        if size + length > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += length
    parts.append(current)
    return "\r\n ".join(parts)


def office_address(person, settings):
    """(street, postal code, city) of the person's office; the institute's address when none is given."""
    lines = [line.strip() for line in person.office.splitlines() if line.strip()]
    if not lines:
        return settings.street, settings.postal_code, settings.city
    match = re.match(r"^(\d{5})\s+(.+)$", lines[-1])
    if match:
        return ", ".join(lines[:-1]), match.group(1), match.group(2)
    return ", ".join(lines), "", ""


def person_vcard(person, request, settings):
    street, postal_code, city = office_address(person, settings)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        f"FN:{escape(person.title)}",
        f"N:{escape(person.last_name)};{escape(person.first_name)};;{escape(person.academic_title)};",
        f"ORG:{escape(settings.institute_name)}",
    ]
    if person.position:
        lines.append(f"TITLE:{escape(person.position)}")
    if person.tel_uri:
        lines.append(f'TEL;VALUE=uri;TYPE="work,voice":{person.tel_uri}')
    if person.email:
        lines.append(f"EMAIL;TYPE=work:{person.email}")
    lines.append(f"ADR;TYPE=work:;;{escape(street)};{escape(city)};;{escape(postal_code)};Deutschland")
    lines.append(f"URL:{person.get_full_url(request)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
