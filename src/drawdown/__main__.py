from drawdown.cli import main

main()
