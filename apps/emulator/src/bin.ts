console.log("emulator stub");
