from django.urls import path

from .views import contacts, initiatives, offers, requests

app_name = "assistance"
urlpatterns = [
    path("", contacts.home, name="home"),
    path("requests/", requests.requests_list, name="requests"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/move/", requests.request_move, name="request_move"),
    path("requests/<int:pk>/propose/", requests.request_propose, name="request_propose"),
    path("offers/", offers.offers_list, name="offers"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer"),
    path("proposals/", offers.proposals_list, name="proposals"),
    path("proposals/<int:pk>/", offers.proposal_detail, name="proposal"),
    path("sessions/<int:pk>/", offers.session_detail, name="session"),
    path("shared/<slug:slug>/", requests.consolidated, name="consolidated"),
    path("shared/<slug:slug>.pdf", requests.consolidated, {"fmt": "pdf"}, name="consolidated_pdf"),
    path("shared/<slug:slug>.xlsx", requests.consolidated, {"fmt": "xlsx"}, name="consolidated_xlsx"),
    path("shared/<slug:slug>/brief/", requests.consolidated_brief, name="consolidated_brief"),
    path("initiatives/", initiatives.initiatives, name="initiatives"),
    path("initiatives.xml", initiatives.initiatives_xml, name="initiatives_xml"),
    path("initiatives/<int:pk>/", initiatives.initiative_detail, name="initiative"),
    path("initiatives/<int:pk>.xml", initiatives.initiative_xml, name="initiative_xml"),
    path("initiatives/<int:pk>/edit/", initiatives.initiative_edit, name="initiative_edit"),
    path("stocktaking/", initiatives.stocktaking, name="stocktaking"),
    path("duplicates/", initiatives.duplicates, name="duplicates"),
    path("duplicates/<int:pk>/", initiatives.duplicate_decide, name="duplicate_decide"),
    path("trends/", initiatives.trends, name="trends"),
    path("trends.csv", initiatives.trends, {"fmt": "csv"}, name="trends_csv"),
    path("trends.xlsx", initiatives.trends, {"fmt": "xlsx"}, name="trends_xlsx"),
    path("<slug:slug>/contacts/", contacts.contacts, name="contacts"),
    path("<slug:slug>/contacts/new/", contacts.contact_new, name="contact_new"),
    path("<slug:slug>/contacts/missing/", contacts.contacts_missing, name="contacts_missing"),
    path("<slug:slug>/requests/new/", requests.request_new, name="request_new"),
    path("<slug:slug>/offers/new/", offers.offer_new, name="offer_new"),
    path("<slug:slug>/matching/", offers.matching, name="matching"),
    path("<slug:slug>/initiatives/new/", initiatives.initiative_edit, name="initiative_new"),
]
