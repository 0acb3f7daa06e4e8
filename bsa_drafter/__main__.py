from bsa_drafter.cli import main

if __name__ == "__main__":
    main()
