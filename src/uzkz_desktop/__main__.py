from uzkz_desktop.cli import main

main()
