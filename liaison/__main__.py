from liaison.cli import main

main()
