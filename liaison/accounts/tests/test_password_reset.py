"""Password reset by e-mail, sent through a real SMTP server on loopback."""

import re


def reset_link(mailbox):
    body = mailbox.body(mailbox.wait_for(1)[-1])
    match = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", body)
    assert match, body
    return match.group(1)


def test_reset_mail_arrives_and_its_link_sets_a_new_password(client, make_user, smtp_server):
    make_user("expert@example.org")
    response = client.post("/accounts/password-reset/", {"email": "expert@example.org"})
    assert response.status_code == 302
    message = smtp_server.wait_for(1)[0]
    assert message["to"] == ["expert@example.org"]
    assert "Reset your Liaison password" in message["message"]["Subject"]

    link = reset_link(smtp_server)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"})
    assert done.status_code == 302
    client.logout()
    assert client.post("/accounts/login/", {"username": "expert@example.org", "password": "a-new-long-passphrase"}).status_code == 302


def test_a_used_link_does_not_work_twice(client, make_user, smtp_server):
    make_user("expert@example.org")
    client.post("/accounts/password-reset/", {"email": "expert@example.org"})
    link = reset_link(smtp_server)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"})
    again = client.get(link, follow=True)
    assert "This link is invalid" in again.content.decode()


def test_forged_link_is_refused(client, make_user):
    make_user("expert@example.org")
    page = client.get("/accounts/reset/MQ/abc-123/", follow=True)
    assert "This link is invalid" in page.content.decode()


def test_unknown_address_sends_nothing_and_says_the_same(client, db, smtp_server):
    response = client.post("/accounts/password-reset/", {"email": "stranger@example.org"}, follow=True)
    assert "If an account uses that address" in response.content.decode()
    assert smtp_server.messages == []
