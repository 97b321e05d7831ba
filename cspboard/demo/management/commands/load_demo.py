from django.core.management.base import BaseCommand, CommandError

from cspboard.demo.loader import DEMO_PASSWORD, DemoRefused, load_demo


class Command(BaseCommand):
    help = "Load the demo partnership (only into an empty database; a second run changes nothing)."

    def handle(self, *args, **options):
        try:
            result = load_demo()
        except DemoRefused as error:
            raise CommandError(str(error)) from None
        if result.loaded:
            counts = ", ".join(f"{n} {what}" for what, n in result.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo partnership: {counts}."))
        else:
            self.stdout.write("The demo partnership is already loaded; nothing changed.")
        self.stdout.write(f"Demo log-ins (password for each: {DEMO_PASSWORD}):")
        for username, name, board, role in result.accounts:
            where = f"{role} of the {board} board"
            if username == "outsider":
                where += ", a subgroup: not of the csp board"
            self.stdout.write(f"  {username:<9} {name} ({where})")
