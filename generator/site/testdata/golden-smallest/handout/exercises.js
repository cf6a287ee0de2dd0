HandbookHandout.programs([]);
HandbookHandout.exercises([{"i":"straight-leg-raise","t":"Straight leg raise","s":"A gentle move for a stiff knee.","c":"strength","l":1,"d":["2","10","","","","",""],"p":["Sit tall on a firm chair.","Move as the title says, slowly."],"x":["Sharp pain in the knee."]}]);
