"""What the meetings app tells the apps above it (which it may not import).

``invited``: invitations were sent from the secretariat's preview. Sent with ``meeting``, ``people``
(the Persons invited by this send), ``by`` (the user who sent them) and ``origin`` — an opaque value
the page that led to the preview put in its form (the lottery puts a signed record of its draw),
carried through the preview unchanged and read only by the app that wrote it."""

from django.dispatch import Signal

invited = Signal()
