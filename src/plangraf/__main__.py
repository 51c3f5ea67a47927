from plangraf.cli import main

main()
