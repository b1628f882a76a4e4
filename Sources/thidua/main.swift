import ThiDuaCLI
ThiDuaCommand.main()
