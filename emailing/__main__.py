import sys

from emailing.command import main

sys.exit(main())
