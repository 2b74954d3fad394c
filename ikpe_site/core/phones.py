"""Phone numbers as editors type them ("0361 / 30257 - 602", "+49 361 30257602") shown in DIN 5008 form
("0361 30257-602") and linked as RFC 3966 `tel:+4936130257602`. The one place for both; phonenumbers knows the
German area codes, so the space goes after the right digits."""

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

REGION = "DE"


def _parse(number):
    try:
        parsed = phonenumbers.parse(number or "", REGION)
    except NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


def tel_uri(number):
    """ "0361 / 30257 - 602" → "tel:+4936130257602"; "" for text that is no phone number."""
    parsed = _parse(number)
    return f"tel:{phonenumbers.format_number(parsed, PhoneNumberFormat.E164)}" if parsed else ""


def _extension(typed, subscriber):
    """The direct-dial extension the editor separated with a hyphen ("30257-602" → "602"), if any.

    Only the editor knows where the switchboard number ends, so the hyphen is kept from the input, never guessed.
    """
    match = re.search(r"-\s*([\d\s]+)$", typed)
    digits = re.sub(r"\D", "", match.group(1)) if match else ""
    return digits if digits and len(digits) < len(subscriber) and subscriber.endswith(digits) else ""


def phone_display(number):
    """DIN 5008: "0361 30257-602" (area code, space, number, hyphen before an extension), "+43 1 5123456" abroad.

    Text that is no valid number is returned as typed.
    """
    parsed = _parse(number)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return (number or "").strip()
    if parsed.country_code != phonenumbers.country_code_for_region(REGION):
        return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
    significant = phonenumbers.national_significant_number(parsed)
    area_length = phonenumbers.length_of_national_destination_code(parsed)
    if not area_length:
        return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
    area, subscriber = significant[:area_length], significant[area_length:]
    extension = _extension(number, subscriber)
    if extension:
        subscriber = f"{subscriber[: -len(extension)]}-{extension}"
    return f"0{area} {subscriber}"
