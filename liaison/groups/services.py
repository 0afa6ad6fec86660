"""The secretariat's writes to groups: the group's own fields and its terms of reference (its
decisions, members and tasks are rows added and removed through core.services)."""

from liaison.core.services import save_record


def save_group(form):
    """Create or edit a group from a valid GroupForm; None when someone else saved it meanwhile (the
    form then says so and keeps the input)."""
    return save_record(form)


def save_terms(form, group):
    """Save the terms of reference of ``group`` from a valid TermsForm (creating them the first time);
    None when someone else saved them meanwhile."""
    form.instance.group = group
    return save_record(form)
