from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("", views.home, name="home"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/move/", views.request_move, name="request_move"),
    path("requests/<int:pk>/propose/", views.request_propose, name="request_propose"),
    path("offers/", views.offers_list, name="offers"),
    path("offers/<int:pk>/", views.offer_detail, name="offer"),
    path("proposals/", views.proposals_list, name="proposals"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("shared/<slug:slug>/", views.consolidated, name="consolidated"),
    path("shared/<slug:slug>.pdf", views.consolidated, {"fmt": "pdf"}, name="consolidated_pdf"),
    path("shared/<slug:slug>.xlsx", views.consolidated, {"fmt": "xlsx"}, name="consolidated_xlsx"),
    path("shared/<slug:slug>/brief/", views.consolidated_brief, name="consolidated_brief"),
    path("initiatives/", views.initiatives, name="initiatives"),
    path("initiatives.xml", views.initiatives_xml, name="initiatives_xml"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative"),
    path("initiatives/<int:pk>.xml", views.initiative_xml, name="initiative_xml"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("stocktaking/", views.stocktaking, name="stocktaking"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/<int:pk>/", views.duplicate_decide, name="duplicate_decide"),
    path("trends/", views.trends, name="trends"),
    path("trends.csv", views.trends, {"fmt": "csv"}, name="trends_csv"),
    path("trends.xlsx", views.trends, {"fmt": "xlsx"}, name="trends_xlsx"),
    path("<slug:slug>/contacts/", views.contacts, name="contacts"),
    path("<slug:slug>/contacts/new/", views.contact_new, name="contact_new"),
    path("<slug:slug>/contacts/missing/", views.contacts_missing, name="contacts_missing"),
    path("<slug:slug>/requests/new/", views.request_new, name="request_new"),
    path("<slug:slug>/offers/new/", views.offer_new, name="offer_new"),
    path("<slug:slug>/matching/", views.matching, name="matching"),
    path("<slug:slug>/initiatives/new/", views.initiative_edit, name="initiative_new"),
]
