from bsa_drafter.cli.launch import main

main()
