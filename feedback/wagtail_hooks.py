from wagtail import hooks


@hooks.register("filter_form_submissions_for_user")
def only_communications_see_submissions(user, editable_forms):
    """Submissions hold personal data: only roles with the form-submission permission (Kommunikation,
    Administration) see and export them. Redaktion may still edit the form pages themselves."""
    if user.has_perm("wagtailforms.view_formsubmission"):
        return editable_forms
    return editable_forms.none()
