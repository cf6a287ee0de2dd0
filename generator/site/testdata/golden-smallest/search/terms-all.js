HandbookSearch.add("terms-all",["0j","0j","0w","0w","1_","0y","1_","0j","0j","0j","0r","0w","1_","0j","0j"]);
