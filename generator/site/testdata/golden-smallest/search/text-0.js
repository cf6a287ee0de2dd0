HandbookSearch.add("text-0",[[["steps","Steps ","Sit tall on a firm chair. Move as the title says, slowly."]]]);
