import sys

from federation.command import main

sys.exit(main())
