HandbookSearch.add("terms-all",["0i","0i","0w","0w","1-","0x","1-","0i","0i","0i","0q","0w","1-","0i","0i"]);
