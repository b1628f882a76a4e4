import ThiDuaCLI
ThiDuaCommand.start()
