import os

from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    """Gunicorn's rule of thumb: two workers per core plus one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cores + 1


class Command(BaseCommand):
    help = (
        "Serve Liaison with gunicorn: workers from the number of cores, timeouts, an access log, "
        "and workers recycled after a number of requests so that memory stays flat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", "-b", action="append", default=None,
                            help="address to listen on, e.g. 127.0.0.1:8000 or unix:/run/liaison.sock (default $LIAISON_BIND or 127.0.0.1:8000); repeatable")
        parser.add_argument("--workers", "-w", type=int, default=None, help="worker processes (default $LIAISON_WORKERS or 2 × cores + 1)")
        parser.add_argument("--threads", type=int, default=int(os.environ.get("LIAISON_THREADS", "1")), help="threads per worker (default 1)")
        parser.add_argument("--timeout", type=int, default=int(os.environ.get("LIAISON_TIMEOUT", "60")), help="seconds before a silent worker is restarted (default 60)")
        parser.add_argument("--graceful-timeout", type=int, default=30, help="seconds to finish requests on restart (default 30)")
        parser.add_argument("--max-requests", type=int, default=int(os.environ.get("LIAISON_MAX_REQUESTS", "2000")), help="recycle a worker after this many requests (0: never; default 2000)")
        parser.add_argument("--access-log", default=os.environ.get("LIAISON_ACCESS_LOG", "-"), help="access log file, '-' for standard output (default), '' for none")
        parser.add_argument("--error-log", default="-", help="error log file (default standard error)")
        parser.add_argument("--pid", default=None, help="write the master's pid to this file")
        parser.add_argument("--preload", action="store_true", help="load the application before forking workers")

    def handle(self, *args, **options):
        try:
            from gunicorn.app.base import BaseApplication
        except ImportError as error:  # pragma: no cover - gunicorn is a dependency
            raise CommandError("gunicorn is not installed: pip install -e .") from error

        from django.core.wsgi import get_wsgi_application

        bind = options["bind"] or [os.environ.get("LIAISON_BIND", "127.0.0.1:8000")]
        config = {
            "bind": bind,
            "workers": options["workers"] or int(os.environ.get("LIAISON_WORKERS", "0") or 0) or default_workers(),
            "threads": options["threads"],
            "timeout": options["timeout"],
            "graceful_timeout": options["graceful_timeout"],
            "keepalive": 5,
            "max_requests": options["max_requests"],
            "max_requests_jitter": max(options["max_requests"] // 10, 0),
            "accesslog": options["access_log"] or None,
            "errorlog": options["error_log"],
            "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"',
            "pidfile": options["pid"],
            "preload_app": options["preload"],
            "proc_name": "liaison",
            "forwarded_allow_ips": os.environ.get("LIAISON_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        }
        application = get_wsgi_application()
        from liaison.core import schedule

        schedule.server_start()  # e.g. scikit-learn imported once here, before the workers fork

        class Server(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    if value is not None:
                        self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(f"Liaison on {', '.join(bind)} with {config['workers']} gunicorn worker(s)")
        Server().run()
